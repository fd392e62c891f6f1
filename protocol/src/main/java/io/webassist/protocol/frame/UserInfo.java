package io.webassist.protocol.frame;

/**
 * What the agent learns about the person asking for help (claims 75, 76, 83, 84): name, phone,
 * the IP address the dispatch server saw, and the customer identifier the request was routed on.
 * {@code customerVerified} is true when the site's signature over the id checked out, false when
 * the server checks signatures and this one did not (the request went to the default group), and
 * absent when the server does not check them.
 */
public record UserInfo(String name, String phone, String ip, String customerId, Boolean customerVerified) {
  public UserInfo {
    Require.optionalText(name, "user", "name", Require.SHORT_TEXT);
    Require.optionalText(phone, "user", "phone", Require.SHORT_TEXT);
    Require.optionalText(ip, "user", "ip", Require.SHORT_TEXT);
    Require.optionalText(customerId, "user", "customerId", Require.SHORT_TEXT);
  }

  public UserInfo(String name, String phone, String ip, String customerId) {
    this(name, phone, ip, customerId, null);
  }
}
