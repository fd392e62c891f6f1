package io.webassist.dispatch.http;

import io.webassist.protocol.frame.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The launch file behind the page's "Get help" button (claims 72, 77, 80, 85, 97, 108): a JNLP made
 * for this one request, which Java Web Start (OpenWebStart, IcedTea-Web) turns into the signed assist
 * client running with what the page knows — page URL, customer id (and its signature), and the
 * user's name and phone when the site has them — and where the dispatch server is and how to trust it.
 * The client opens its window, which asks for a name or phone when the page passed neither. Behind a
 * reverse proxy, {@code http.publicBaseUrl} is the {@code codebase} the launcher fetches the jar from.
 *
 * <p>Why it looks as it does (measured with IcedTea-Web; docs/OPERATIONS.md, "The help button"): no {@code href}, so the
 * launcher does not fetch a fixed URL again and lose this request's values; {@code <security>}
 * asks for all permissions because a sandboxed client could neither reach the TCP port nor accept
 * the agent's direct link; {@code <application-desc>}, not {@code <applet-desc>}, because
 * OpenWebStart runs no applets; Java pinned to 17 or 21 because OpenWebStart fails on JDK 23+.
 * Every value is XML-escaped; values are checked before anything is written.
 */
final class AssistJnlp {

  /** The JNLP content type launchers are registered for. */
  static final String CONTENT_TYPE = "application/x-java-jnlp-file";

  /** The {@code Content-Disposition} of a launch file: saved as {@code fileName}, not as the link's last part. */
  static String attachment(String fileName) {
    return "attachment; filename=\"" + fileName + "\"";
  }
  static final String MAIN_CLASS = "io.webassist.client.AssistClientMain";

  /** host, host:port, [v6]:port — what a browser puts in Host for a server it reached. */
  private static final Pattern HOST_HEADER = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

  /** http(s)://host…, no spaces; the rest of the address is the page's business. */
  private static final Pattern PAGE_URL = Pattern.compile("(?i)https?://[^\\s/?#]+([/?#]\\S*)?");

  /** Where the dispatch server is, as this request should see it. */
  record Server(String host, int tcpPort, String fingerprint) {}

  /** A request the endpoint refuses; the message is for the person who built the link. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private AssistJnlp() {}

  /**
   * The JNLP for one request.
   *
   * @param query the decoded query parameters
   * @param hostHeader the request's Host header (the browser's view of this server), or null
   * @param publicHost the configured public host name, or null to use the Host header's host
   * @param tcpPort the dispatch server's TCP port
   * @param fingerprint the TCP listener's certificate fingerprint, or null when TLS is off
   * @param https whether the HTTP listener speaks TLS ({@code http.tls}): without a public base URL the
   *     codebase is {@code https://<Host header>/}
   * @param publicBaseUrl where browsers reach this HTTP port ({@code http.publicBaseUrl}, ending in
   *     {@code /}), the codebase the jar link resolves against; null for {@code http(s)://<Host header>/}
   * @throws BadRequest when a value is missing, too long, or not what it should be
   */
  static String build(Map<String, List<String>> query, String hostHeader, String publicHost, int tcpPort,
      String fingerprint, boolean https, String publicBaseUrl) throws BadRequest {
    if (hostHeader == null || !HOST_HEADER.matcher(hostHeader).matches()) {
      throw new BadRequest("missing or unusable Host header");
    }
    String pageUrl = pageUrl(single(query, "url", Require.URL, true));
    String customer = single(query, "customer", Require.SHORT_TEXT, false);
    String signature = single(query, "sig", Require.SHORT_TEXT, false);
    String name = single(query, "name", Require.SHORT_TEXT, false);
    String phone = single(query, "phone", Require.SHORT_TEXT, false);
    String pageKey = single(query, "pageKey", Require.SHORT_TEXT, false); // only from /assist/launch (page bridge)
    String host = publicHost != null ? publicHost : hostOnly(hostHeader);

    List<String> args = new ArrayList<>(List.of("--server", host + ":" + tcpPort));
    if (fingerprint != null) {
      args.addAll(List.of("--server-fingerprint", fingerprint));
    } else {
      args.add("--insecure");
    }
    args.addAll(List.of("--page-url", pageUrl));
    addIf(args, "--customer", customer);
    addIf(args, "--customer-signature", signature);
    addIf(args, "--name", name);
    addIf(args, "--phone", phone);
    addIf(args, "--page-key", pageKey);
    // no --text: the client opens its window, which asks for what the page did not pass
    return document(publicBaseUrl != null ? publicBaseUrl : (https ? "https://" : "http://") + hostHeader + "/", args);
  }

  private static String document(String codebase, List<String> args) {
    StringBuilder xml = new StringBuilder(1024);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<jnlp spec=\"6.0+\" codebase=\"").append(escape(codebase)).append("\">\n");
    xml.append("  <information>\n");
    xml.append("    <title>WebAssist help</title>\n");
    xml.append("    <vendor>WebAssist</vendor>\n");
    xml.append("    <homepage href=\"").append(escape(codebase)).append("\"/>\n"); // the launcher's dialogs show it
    xml.append("    <description>Connects you with a person who can help you on this page.</description>\n");
    xml.append("  </information>\n");
    xml.append("  <security>\n    <all-permissions/>\n  </security>\n");
    xml.append("  <resources>\n");
    xml.append("    <j2se version=\"17* 21*\" max-heap-size=\"256m\"/>\n");
    xml.append("    <jar href=\"").append(escape(ClientJar.URL_PATH.substring(1))).append("\" main=\"true\"/>\n");
    xml.append("  </resources>\n");
    xml.append("  <application-desc main-class=\"").append(MAIN_CLASS).append("\">\n");
    for (String arg : args) {
      xml.append("    <argument>").append(escape(arg)).append("</argument>\n");
    }
    xml.append("  </application-desc>\n");
    xml.append("</jnlp>\n");
    return xml.toString();
  }

  private static String single(Map<String, List<String>> query, String key, int maxLength, boolean required)
      throws BadRequest {
    List<String> values = query.getOrDefault(key, List.of());
    if (values.size() > 1) {
      throw new BadRequest("'" + key + "' is given more than once");
    }
    String value = values.isEmpty() ? null : values.get(0).strip();
    if (value == null || value.isEmpty()) {
      if (required) {
        throw new BadRequest("'" + key + "' is required");
      }
      return null;
    }
    if (value.length() > maxLength) {
      throw new BadRequest("'" + key + "' is longer than " + maxLength + " characters");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new BadRequest("'" + key + "' contains control characters");
    }
    return value;
  }

  private static String pageUrl(String url) throws BadRequest {
    // lenient on purpose: browsers hand over addresses that java.net.URI refuses (raw '|', '<' …)
    if (!PAGE_URL.matcher(url).matches()) {
      throw new BadRequest("'url' must be the http or https address of the page");
    }
    return url;
  }

  private static String hostOnly(String hostHeader) {
    int colon = hostHeader.lastIndexOf(':');
    boolean hasPort = colon > hostHeader.lastIndexOf(']');
    String host = hasPort ? hostHeader.substring(0, colon) : hostHeader;
    // the client's --server takes host:port and splits at the last colon, so [v6] keeps its brackets
    return host;
  }

  private static void addIf(List<String> args, String option, String value) {
    if (value != null) {
      args.add(option);
      args.add(value);
    }
  }

  /** XML text and attribute escaping; control characters were refused before. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
