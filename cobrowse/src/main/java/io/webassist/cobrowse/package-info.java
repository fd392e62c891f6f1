/**
 * The co-browse and chat model both desktop apps share (claims 90, 92–94, 98, 101, 103–105, 109):
 * {@link io.webassist.cobrowse.CobrowseSession} for one end, the {@link io.webassist.cobrowse.PageState}
 * and {@link io.webassist.cobrowse.ChatLog} it keeps, the {@link io.webassist.cobrowse.UrlPolicy} that
 * decides where co-browsing may go. No Swing, no Netty: wire it to a session link with
 * {@code new CobrowseSession(side, policy, pageUrl, link::send)} and call
 * {@code session.apply(event)} for each event the link delivers (on the UI thread), and
 * {@code session.linkUp()} each time the link state becomes UP.
 */
package io.webassist.cobrowse;
