package io.webassist.protocol.frame;

/** A host and TCP port: the user's peer listener, or the relay. */
public record Endpoint(String host, int port) {
  public Endpoint {
    Require.nonBlank(host, "endpoint", "host", Require.SHORT_TEXT);
    Require.port(port, "endpoint", "port");
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
