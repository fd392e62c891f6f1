package io.webassist.dispatch.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The launch file behind the agents' page's "Start the console" button (claims 97, 108): a JNLP made
 * for this dispatch server, which Java Web Start (IcedTea-Web, OpenWebStart) turns into the signed agent
 * console connected to this server — its address and certificate fingerprint are the console's
 * arguments, so the agent types neither — with the page engine's JavaFX jars for the agent's platform.
 *
 * <p>Why it looks as it does (measured with IcedTea-Web; shared/notes/JNLP-LAUNCH.md): no {@code href},
 * so the launcher does not fetch a fixed URL again and lose the request's agent id; {@code <security>}
 * asks for all permissions (the console dials users' machines and needs the page engine's natives);
 * the JavaFX jars sit in per-OS {@code <resources os= arch=>} blocks, one per platform the build
 * produced; {@code -Djdk.gtk.version=3} because the launcher's own dialogs load GTK 2 first and JavaFX
 * then refuses to start; Java pinned to 17 or 21 because OpenWebStart picks the newest JVM for
 * {@code 17+} and fails on 23+ (no security manager), as {@code /assist.jnlp} does.
 */
final class ConsoleJnlp {

  static final String MAIN_CLASS = "io.webassist.console.webstart.ConsoleWebStart";

  /** An agent id as the console's login takes it: letters, digits, {@code . _ @ -}. */
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private ConsoleJnlp() {}

  /**
   * @param codebase {@code http://host:port/} as the browser reached this server
   * @param server {@code host:port} of the TCP listener the console connects to
   * @param fingerprint the TCP listener's certificate fingerprint, or null when TLS is off
   * @param agentId the agent id the agents' page had, or null
   * @param jars the console jar and the page engine's jars per platform
   * @throws AssistJnlp.BadRequest when the agent id is not one
   */
  static String build(String codebase, String server, String fingerprint, String agentId, ConsoleJars jars)
      throws AssistJnlp.BadRequest {
    List<String> args = new ArrayList<>(List.of("--server", server));
    if (fingerprint != null) {
      args.addAll(List.of("--server-fingerprint", fingerprint));
    } else {
      args.add("--insecure");
    }
    if (agentId != null && !agentId.isEmpty()) {
      if (!AGENT_ID.matcher(agentId).matches()) {
        throw new AssistJnlp.BadRequest("'agent' must be an agent id (letters, digits, . _ @ -)");
      }
      args.addAll(List.of("--agent", agentId));
    }
    StringBuilder xml = new StringBuilder(2048);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<jnlp spec=\"6.0+\" codebase=\"").append(AssistJnlp.escape(codebase)).append("\">\n");
    xml.append("  <information>\n");
    xml.append("    <title>WebAssist console</title>\n");
    xml.append("    <vendor>WebAssist</vendor>\n");
    xml.append("    <homepage href=\"").append(AssistJnlp.escape(codebase)).append("\"/>\n");
    xml.append("    <description>The support agent's console: offers, chat and the user's page.</description>\n");
    xml.append("  </information>\n");
    xml.append("  <security>\n    <all-permissions/>\n  </security>\n");
    xml.append("  <resources>\n");
    xml.append("    <j2se version=\"17* 21*\" java-vm-args=\"-Djdk.gtk.version=3\" max-heap-size=\"768m\"/>\n");
    xml.append("    <jar href=\"").append(AssistJnlp.escape(jars.mainJar())).append("\" main=\"true\"/>\n");
    xml.append("  </resources>\n");
    for (ConsoleJars.Platform platform : jars.platforms()) {
      xml.append("  <resources os=\"").append(AssistJnlp.escape(platform.os())).append("\" arch=\"")
          .append(AssistJnlp.escape(platform.arch())).append("\">\n");
      for (String jar : platform.jars()) {
        xml.append("    <jar href=\"").append(AssistJnlp.escape(jar)).append("\"/>\n");
      }
      xml.append("  </resources>\n");
    }
    xml.append("  <application-desc main-class=\"").append(MAIN_CLASS).append("\">\n");
    for (String arg : args) {
      xml.append("    <argument>").append(AssistJnlp.escape(arg)).append("</argument>\n");
    }
    xml.append("  </application-desc>\n");
    xml.append("</jnlp>\n");
    return xml.toString();
  }
}
