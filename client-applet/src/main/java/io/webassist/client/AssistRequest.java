package io.webassist.client;

/**
 * What the web page already knows when it launches the client (page URL, customer id and, when the
 * site has them, name and phone), so the user never types them, plus where the dispatch server is.
 */
public record AssistRequest(
    String serverHost, int serverPort, String pageUrl, String customerId, String customerSignature,
    String name, String phone, String peerBindHost) {

  public AssistRequest {
    if (serverHost == null || serverHost.isBlank()) {
      throw new IllegalArgumentException("the dispatch server's host is missing");
    }
    if (serverPort < 1 || serverPort > 65535) {
      throw new IllegalArgumentException("the dispatch server's port must be 1-65535, not " + serverPort);
    }
    if ((name == null || name.isBlank()) && (phone == null || phone.isBlank())) {
      throw new IllegalArgumentException("give a name or a phone number so the agent knows whom to help");
    }
  }
}
