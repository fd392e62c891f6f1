package io.webassist.dispatch.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import io.webassist.protocol.transport.NettyTransport;
import java.util.ArrayList;
import io.webassist.protocol.frame.CannedReply;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the server's JSON configuration file into a {@link ServerConfig}. Every field is optional
 * except what an agent needs; unknown fields, wrong types, out-of-range numbers, bad regular
 * expressions and anything that is not a PBKDF2 hash are refused with a message that names the
 * file and the field. The file may contain {@code //} and {@code /* *}{@code /} comments.
 */
public final class ConfigLoader {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private static final String HASH_HINT = "must be a PBKDF2 hash made by ./webassist hash-password";

  private ConfigLoader() {}

  /** Reads and validates {@code file}. */
  public static ServerConfig load(Path file) throws ConfigException {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": file not found");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage());
    }
    return parse(name, text);
  }

  /** Validates configuration text; {@code name} is used in messages as the file name. */
  public static ServerConfig parse(String name, String text) throws ConfigException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ConfigException(name + ": not valid JSON" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(name + ": must contain one JSON object");
    }
    return read(new JsonSection(name, "", root));
  }

  private static ServerConfig read(JsonSection root) throws ConfigException {
    ServerConfig d = ServerConfig.defaults();
    String bind = root.string("bind", d.bind());
    if (bind.isBlank()) {
      throw root.error("bind", "must not be empty");
    }
    int tcpPort = (int) root.number("tcpPort", d.tcpPort(), 0, 65535);
    int httpPort = (int) root.number("httpPort", d.httpPort(), 0, 65535);
    String publicHost = root.string("publicHost", null);
    List<AgentConfig> agents = agents(root);
    RoutingConfig routing = routing(root.object("routing"));
    long offerTimeoutMs = root.number("offerTimeoutMs", d.offerTimeoutMs(), 1_000, 3_600_000);
    long cooldownMs = root.number("declineCooldownMs", d.declineCooldownMs(), 0, 3_600_000);
    long reclaimMs = root.number("sessionReclaimMs", d.sessionReclaimMs(), 0, 3_600_000);
    LoginPolicy agentLogin = loginPolicy(root);
    boolean availableOnLogin = root.bool("availableOnLogin", d.availableOnLogin());
    QueueConfig queue = queue(root.object("queue"));
    LimitsConfig limits = limits(root.object("limits"));
    JsonSection cobrowseSection = root.object("cobrowse");
    CobrowseConfig cobrowse = CobrowseConfig.defaults();
    if (cobrowseSection != null) {
      List<String> origins = cobrowseSection.strings("pageOrigins");
      for (int i = 0; i < origins.size(); i++) {
        try {
          CobrowseConfig.normalizeOrigin(origins.get(i));
        } catch (IllegalArgumentException e) {
          throw cobrowseSection.error("pageOrigins[" + i + "]", e.getMessage());
        }
      }
      cobrowse = new CobrowseConfig(cobrowseSection.strings("allowedHosts"), origins);
      cobrowseSection.finish();
    }
    JsonSection loggingSection = root.object("logging");
    LoggingConfig logging = LoggingConfig.defaults();
    if (loggingSection != null) {
      logging = new LoggingConfig(loggingSection.bool("personalData", false));
      loggingSection.finish();
    }
    TlsConfig tls = tls(root.object("tls"));
    HttpConfig http = http(root.object("http"));
    String transport = root.string("transport", ServerConfig.DEFAULT_TRANSPORT);
    try {
      NettyTransport.choose(transport);
    } catch (IllegalArgumentException e) {
      throw root.error("transport", e.getMessage());
    }
    root.finish();
    return new ServerConfig(bind, tcpPort, httpPort, publicHost == null || publicHost.isBlank() ? null : publicHost,
        agents, routing, offerTimeoutMs, cooldownMs, agentLogin, availableOnLogin, queue, limits, cobrowse, logging,
        tls, http, reclaimMs, transport);
  }

  private static List<AgentConfig> agents(JsonSection root) throws ConfigException {
    List<AgentConfig> agents = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonSection a : root.objects("agents")) {
      String id = a.requiredString("id");
      if (!ids.add(id)) {
        throw a.error("id", "\"" + id + "\" is used by another agent too");
      }
      String displayName = a.string("displayName", id);
      List<String> groups = a.strings("groups");
      if (groups.isEmpty()) {
        throw a.error("groups", "must list at least one group");
      }
      int maxSessions = (int) a.number("maxSessions", AgentConfig.DEFAULT_MAX_SESSIONS, 1, 100);
      if (a.has("password")) {
        throw a.error("password", "plain passwords are not accepted; use passwordHash made by ./webassist hash-password");
      }
      String hash = a.string("passwordHash", null);
      if (hash == null) {
        throw a.error("passwordHash", "is required; " + HASH_HINT);
      }
      if (!PasswordHasher.isWellFormed(hash)) {
        throw a.error("passwordHash", HASH_HINT);
      }
      a.finish();
      agents.add(new AgentConfig(id, displayName, groups, maxSessions, hash));
    }
    return agents;
  }

  private static RoutingConfig routing(JsonSection section) throws ConfigException {
    if (section == null) {
      return RoutingConfig.defaults();
    }
    List<RoutingRule> rules = new ArrayList<>();
    for (JsonSection r : section.objects("rules")) {
      rules.add(rule(r));
    }
    String defaultGroup = section.string("defaultGroup", RoutingConfig.DEFAULT_GROUP);
    if (defaultGroup.isBlank()) {
      throw section.error("defaultGroup", "must not be empty");
    }
    String signingSecret = section.string("signingSecret", null);
    if (signingSecret != null
        && signingSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < RoutingConfig.MIN_SECRET_BYTES) {
      throw section.error("signingSecret", "must be at least " + RoutingConfig.MIN_SECRET_BYTES
          + " bytes (use e.g. `openssl rand -hex 32`)");
    }
    Map<String, List<CannedReply>> canned = cannedReplies(section.object("groups"));
    section.finish();
    return new RoutingConfig(rules, defaultGroup, signingSecret, canned);
  }

  /**
   * {@code "groups": {"billing": {"cannedReplies": [{"shortcut": "refund", "text": "…"}]}}}: per
   * group, the ready-made answers its agents get at login. Shortcuts are unique within a group.
   */
  private static Map<String, List<CannedReply>> cannedReplies(JsonSection groups) throws ConfigException {
    Map<String, List<CannedReply>> out = new LinkedHashMap<>();
    if (groups == null) {
      return out;
    }
    for (String group : groups.fieldNames()) {
      if (group.isBlank()) {
        throw groups.error(group, "a group name must not be empty");
      }
      JsonSection section = groups.object(group);
      if (section == null) {
        continue;
      }
      List<CannedReply> replies = new ArrayList<>();
      Set<String> shortcuts = new HashSet<>();
      for (JsonSection reply : section.objects("cannedReplies")) {
        String shortcut = reply.requiredString("shortcut").trim();
        if (shortcut.isEmpty() || shortcut.length() > 64 || shortcut.chars().anyMatch(Character::isWhitespace)) {
          throw reply.error("shortcut", "must be one word of 1-64 characters (was \"" + shortcut + "\")");
        }
        if (!shortcuts.add(shortcut)) {
          throw reply.error("shortcut", "\"" + shortcut + "\" is used twice in group " + group);
        }
        String text = reply.requiredString("text");
        if (text.isBlank() || text.length() > 4_000) {
          throw reply.error("text", "must be 1-4000 characters");
        }
        reply.finish();
        replies.add(new CannedReply(group, shortcut, text));
      }
      section.finish();
      out.put(group, List.copyOf(replies));
    }
    groups.finish();
    return out;
  }

  private static RoutingRule rule(JsonSection r) throws ConfigException {
    String matchName = r.requiredString("match");
    RoutingRule.Match match;
    try {
      match = RoutingRule.Match.valueOf(matchName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw r.error("match", "must be exact, prefix or pattern (was \"" + matchName + "\")");
    }
    List<String> values = new ArrayList<>(r.strings("values"));
    String single = r.string("value", null);
    if (single != null) {
      values.add(0, single);
    }
    if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
      throw r.error("values", "give \"value\" or a non-empty \"values\" list");
    }
    if (match == RoutingRule.Match.PATTERN) {
      for (int i = 0; i < values.size(); i++) {
        try {
          Pattern.compile(values.get(i));
        } catch (PatternSyntaxException e) {
          String field = single != null && i == 0 ? "value" : "values[" + (single != null ? i - 1 : i) + "]";
          throw r.error(field, "is not a valid regular expression: " + e.getDescription());
        }
      }
    }
    String group = r.requiredString("group");
    r.finish();
    return new RoutingRule(match, values, group);
  }

  private static LoginPolicy loginPolicy(JsonSection root) throws ConfigException {
    String value = root.string("agentLogin", LoginPolicy.TAKEOVER.wireName());
    for (LoginPolicy p : LoginPolicy.values()) {
      if (p.wireName().equals(value)) {
        return p;
      }
    }
    throw root.error("agentLogin", "must be takeover or refuse (was \"" + value + "\")");
  }

  private static QueueConfig queue(JsonSection section) throws ConfigException {
    if (section == null) {
      return QueueConfig.defaults();
    }
    int max = (int) section.number("maxPerGroup", QueueConfig.defaults().maxPerGroup(), 1, 1_000_000);
    long positionUpdateMs = section.number("positionUpdateMs", QueueConfig.DEFAULT_POSITION_UPDATE_MS, 0, 60_000);
    long statusUpdateMs = section.number("statusUpdateMs", QueueConfig.DEFAULT_STATUS_UPDATE_MS, 0, 60_000);
    section.finish();
    return new QueueConfig(max, positionUpdateMs, statusUpdateMs);
  }

  /**
   * {@code {"enabled": true, "certFile": null, "keyFile": null, "dataDir": "webassist-data/tls",
   * "commonName": null}}; the two PEM files go together. Paths are relative to the working directory.
   */
  /**
   * {@code {"clientJar": "/opt/webassist/webassist-client.jar", "tls": false,
   * "publicBaseUrl": "https://help.example.com/"}}; see {@link HttpConfig}.
   */
  private static HttpConfig http(JsonSection section) throws ConfigException {
    if (section == null) {
      return HttpConfig.defaults();
    }
    String clientJar = section.string("clientJar", null);
    if (clientJar != null && clientJar.isBlank()) {
      throw section.error("clientJar", "must not be empty (leave it out to use the default)");
    }
    Path path;
    try {
      path = clientJar == null ? null : Path.of(clientJar);
    } catch (InvalidPathException e) {
      throw section.error("clientJar", "is not a valid path: " + e.getMessage());
    }
    boolean tls = section.bool("tls", false);
    String publicBaseUrl = section.string("publicBaseUrl", null);
    section.finish();
    try {
      return new HttpConfig(path, tls, publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl);
    } catch (IllegalArgumentException e) {
      throw section.error("publicBaseUrl", e.getMessage());
    }
  }

  private static TlsConfig tls(JsonSection section) throws ConfigException {
    TlsConfig d = TlsConfig.defaults();
    if (section == null) {
      return d;
    }
    boolean enabled = section.bool("enabled", d.enabled());
    Path certFile = path(section, "certFile", null);
    Path keyFile = path(section, "keyFile", null);
    if (certFile != null && keyFile == null) {
      throw section.error("keyFile", "is required when certFile is given (the certificate's PKCS#8 PEM key)");
    }
    if (keyFile != null && certFile == null) {
      throw section.error("certFile", "is required when keyFile is given (the PEM certificate of that key)");
    }
    Path dataDir = path(section, "dataDir", d.dataDir());
    String commonName = section.string("commonName", null);
    if (commonName != null && commonName.isBlank()) {
      throw section.error("commonName", "must not be empty (leave it out for publicHost or localhost)");
    }
    section.finish();
    return new TlsConfig(enabled, certFile, keyFile, dataDir, commonName);
  }

  private static Path path(JsonSection section, String field, Path fallback) throws ConfigException {
    String value = section.string(field, null);
    if (value == null) {
      return fallback;
    }
    if (value.isBlank()) {
      throw section.error(field, "must not be empty");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw section.error(field, "is not a valid path: " + e.getReason());
    }
  }

  private static LimitsConfig limits(JsonSection section) throws ConfigException {
    LimitsConfig d = LimitsConfig.defaults();
    if (section == null) {
      return d;
    }
    int lowWaterMark = (int) section.number("writeBufferLowWaterMark", d.writeBufferLowWaterMark(), 1024, 64 * 1024 * 1024);
    int highWaterMark = (int) section.number("writeBufferHighWaterMark", d.writeBufferHighWaterMark(), 1024, 64 * 1024 * 1024);
    if (lowWaterMark > highWaterMark) {
      throw section.error("writeBufferLowWaterMark", "must not be above writeBufferHighWaterMark ("
          + lowWaterMark + " > " + highWaterMark + ")");
    }
    LimitsConfig limits = new LimitsConfig(
        (int) section.number("maxLineLength", d.maxLineLength(), 1024, 16 * 1024 * 1024),
        section.number("helloTimeoutMs", d.helloTimeoutMs(), 100, 600_000),
        section.number("idleTimeoutMs", d.idleTimeoutMs(), 1_000, 86_400_000),
        (int) section.number("maxRequestsPerConnection", d.maxRequestsPerConnection(), 1, 100),
        (int) section.number("maxPendingLogins", d.maxPendingLogins(), 1, 10_000),
        (int) section.number("loginThreads", d.loginThreads(), 1, 64),
        (int) section.number("framesPerSecond", d.framesPerSecond(), 1, 1_000_000),
        (int) section.number("frameBurst", d.frameBurst(), 1, 1_000_000),
        (int) section.number("maxRefusedFrames", d.maxRefusedFrames(), 1, 1_000_000),
        (int) section.number("maxConnectionsPerIp", d.maxConnectionsPerIp(), 1, 1_000_000),
        (int) section.number("maxConnections", d.maxConnections(), 1, 10_000_000),
        (int) section.number("maxPendingRequestsPerIp", d.maxPendingRequestsPerIp(), 1, 1_000_000),
        (int) section.number("loginFailuresPerAgent", d.loginFailuresPerAgent(), 1, 1_000_000),
        (int) section.number("loginFailuresPerIp", d.loginFailuresPerIp(), 1, 1_000_000),
        section.number("loginFailureWindowMs", d.loginFailureWindowMs(), 1_000, 86_400_000),
        section.number("loginBackoffMs", d.loginBackoffMs(), 1_000, 86_400_000),
        lowWaterMark, highWaterMark,
        section.number("slowConsumerTimeoutMs", d.slowConsumerTimeoutMs(), 100, 3_600_000));
    section.finish();
    return limits;
  }
}
