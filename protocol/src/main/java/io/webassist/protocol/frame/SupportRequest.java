package io.webassist.protocol.frame;

/**
 * A user asks for help (claims 72, 80): name and phone, the customer identifier the page knows
 * (claims 78, 79), the page URL (claim 74), and the user's own peer endpoint for the agent to dial.
 * {@code customerSignature} is the site's signature over the customer id; {@code peerFingerprint}
 * the SHA-256 fingerprint of the peer listener's certificate. Both are optional. {@code pageKey} is the
 * one-time key the page's help script got with its launch: the server pairs the page's bridge
 * socket with this request by it (optional).
 */
public record SupportRequest(
    String name, String phone, String customerId, String pageUrl, Endpoint peer,
    String customerSignature, String peerFingerprint, String pageKey) implements Frame {
  /** What a phone number may hold: digits, spaces and {@code + ( ) - . /} (the client's form checks the same). */
  public static final java.util.regex.Pattern PHONE_CHARACTERS = java.util.regex.Pattern.compile("[0-9+()\\-./ ]+");

  public SupportRequest {
    Require.optionalText(name, "support.request", "name", Require.SHORT_TEXT);
    Require.optionalText(phone, "support.request", "phone", Require.SHORT_TEXT);
    Require.optionalText(customerId, "support.request", "customerId", Require.SHORT_TEXT);
    Require.optionalText(pageUrl, "support.request", "pageUrl", Require.URL);
    Require.optionalText(customerSignature, "support.request", "customerSignature", Require.SHORT_TEXT);
    Require.optionalText(peerFingerprint, "support.request", "peerFingerprint", Require.SHORT_TEXT);
    Require.optionalText(pageKey, "support.request", "pageKey", Require.SHORT_TEXT);
    if (phone != null && !phone.isBlank() && !PHONE_CHARACTERS.matcher(phone).matches()) {
      // an agent has to be able to dial it; the client's form holds the person to the same characters
      throw new FrameValidationException("support.request", "phone", "may hold only digits, spaces and + ( ) - . /");
    }
    if ((name == null || name.isBlank()) && (phone == null || phone.isBlank())) {
      throw new FrameValidationException("support.request", "name", "or 'phone' is required");
    }
  }

  public SupportRequest(
      String name, String phone, String customerId, String pageUrl, Endpoint peer,
      String customerSignature, String peerFingerprint) {
    this(name, phone, customerId, pageUrl, peer, customerSignature, peerFingerprint, null);
  }

  public SupportRequest(String name, String phone, String customerId, String pageUrl, Endpoint peer) {
    this(name, phone, customerId, pageUrl, peer, null, null, null);
  }
}
