/**
 * The one way every WebAssist program connects (issue 3): to the dispatch server
 * ({@link io.webassist.link.dispatch.DispatchConnection}) and to the other peer of a session
 * ({@link io.webassist.link.session.SessionLinks}: a direct link to the user's IP, claims 88, 91,
 * 96, 102, 107, with the relay as fallback).
 *
 * <h2>Threads</h2>
 * A program makes one {@link io.webassist.link.LinkRuntime}. Every listener callback, every future
 * of this library and every timer runs on the runtime's single <em>link thread</em>
 * ({@code webassist-link-N}), in the order frames arrived; the link thread is a Netty event loop
 * that also does the connections' I/O (no hop between threads per frame).
 * Callbacks must not block; a Swing app hops to the EDT from there. {@code send}, {@code end} and
 * {@code close} may be called from any thread.
 *
 * <h2>Transport security (issue 6)</h2>
 * A program chooses once, in {@link io.webassist.link.LinkOptions#security()}:
 * {@link io.webassist.link.TransportSecurity#pinned(String)} with the dispatch server's certificate
 * fingerprint ({@code --server-fingerprint}), or {@link io.webassist.link.TransportSecurity#insecure()}
 * ({@code --insecure}, plain TCP, warned about). Unchosen, every connection fails with
 * {@code no_transport_security}. With TLS: the dispatch connection and the relay are pinned to the
 * server's fingerprint (a mismatch fails with {@code tls_failed}); each peer listener has a fresh
 * certificate whose {@link io.webassist.link.session.PeerListener#fingerprint()} the user sends as
 * {@code support.request.peerFingerprint}; the server copies it to {@code session.start.peerFingerprint};
 * the agent pins it when dialling, and without it goes to the relay only.
 *
 * <h2>User side</h2>
 * <pre>{@code
 * LinkRuntime runtime = LinkRuntime.create();
 * TransportSecurity security = TransportSecurity.pinned(serverFingerprint); // or insecure()
 * SessionLinks links = new SessionLinks(runtime, security);
 * PeerListener listener = links.openPeerListener("0.0.0.0").join();
 * DispatchConnection dispatch = DispatchConnection.builder(runtime, host, port, Role.USER)
 *     .security(security).onFrame(frame -> onDispatchFrame(frame)).reconnect(Backoff.DEFAULT).connect().join();
 * dispatch.send(new SupportRequest(name, phone, customerId, pageUrl, listener.endpoint(),
 *     customerSignature, listener.fingerprint()));
 * // in onDispatchFrame, on SupportAssigned assigned:
 * links.acceptAsUser(listener, assigned, SessionLink.Listener.all(ui, new DispatchReporter(dispatch)))
 *     .thenAccept(link -> link.send(new ChatMessage("Hello")));
 * }</pre>
 *
 * <h2>Agent side</h2>
 * <pre>{@code
 * DispatchConnection dispatch = DispatchConnection.builder(runtime, host, port, Role.AGENT)
 *     .security(security).onFrame(frame -> onDispatchFrame(frame)).onState(s -> reloginWhenConnected(s))
 *     .reconnect(Backoff.DEFAULT).connect().join();
 * dispatch.send(new AgentLogin(agentId, secret));
 * // in onDispatchFrame, on SessionStart start:
 * links.connectAsAgent(start, SessionLink.Listener.all(ui, new DispatchReporter(dispatch)))
 *     .thenAccept(link -> ui.sessionLinked(link.path()));
 * // later: link.send(new CobrowseNavigate(url)); link.end("resolved");
 * }</pre>
 */
package io.webassist.link;
