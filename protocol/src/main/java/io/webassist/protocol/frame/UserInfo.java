package io.webassist.protocol.frame;

/**
 * What the agent learns about the person asking for help (claims 75, 76, 83, 84): name, phone,
 * the IP address the dispatch server saw, and the customer identifier the request was routed on.
 */
public record UserInfo(String name, String phone, String ip, String customerId) {
  public UserInfo {
    Require.optionalText(name, "user", "name", Require.SHORT_TEXT);
    Require.optionalText(phone, "user", "phone", Require.SHORT_TEXT);
    Require.optionalText(ip, "user", "ip", Require.SHORT_TEXT);
    Require.optionalText(customerId, "user", "customerId", Require.SHORT_TEXT);
  }
}
