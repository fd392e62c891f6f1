package io.webassist.protocol.frame;

/**
 * A waiting request offered to one agent (claims 73–76, 81–84): who asks, from which IP, from
 * which page, for which customer, since when ({@code requestedAt}, epoch ms), routed to which group.
 * {@code transfer} is present when a colleague hands over a running session.
 */
public record SupportOffer(
    String requestId, UserInfo user, String pageUrl, long expiresInMs, long requestedAt, String group,
    TransferInfo transfer)
    implements Frame {
  public SupportOffer {
    Require.nonBlank(requestId, "support.offer", "requestId", Require.SHORT_TEXT);
    Require.present(user, "support.offer", "user");
    Require.optionalText(pageUrl, "support.offer", "pageUrl", Require.URL);
    Require.optionalText(group, "support.offer", "group", Require.SHORT_TEXT);
  }

  public SupportOffer(
      String requestId, UserInfo user, String pageUrl, long expiresInMs, long requestedAt, String group) {
    this(requestId, user, pageUrl, expiresInMs, requestedAt, group, null);
  }
}
