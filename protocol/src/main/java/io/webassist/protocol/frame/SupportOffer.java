package io.webassist.protocol.frame;

/**
 * A waiting request offered to one agent (claims 73–76, 81–84): who asks, from which IP, from
 * which page, for which customer, since when ({@code requestedAt}, epoch ms), routed to which group.
 */
public record SupportOffer(
    String requestId, UserInfo user, String pageUrl, long expiresInMs, long requestedAt, String group)
    implements Frame {
  public SupportOffer {
    Require.nonBlank(requestId, "support.offer", "requestId", Require.SHORT_TEXT);
    Require.present(user, "support.offer", "user");
    Require.optionalText(pageUrl, "support.offer", "pageUrl", Require.URL);
    Require.optionalText(group, "support.offer", "group", Require.SHORT_TEXT);
  }
}
