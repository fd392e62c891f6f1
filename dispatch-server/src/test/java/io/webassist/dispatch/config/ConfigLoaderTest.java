package io.webassist.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.webassist.dispatch.testing.TestHashes;
import java.nio.file.Files;
import java.nio.file.Path;
import io.webassist.protocol.frame.CannedReply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String HASH = TestHashes.HASH;

  @TempDir
  Path dir;

  private Path write(String json) throws Exception {
    Path file = dir.resolve("webassist.json");
    Files.writeString(file, json.replace('\'', '"').replace("HASH", HASH));
    return file;
  }

  private String problem(String json) throws Exception {
    Path file = write(json);
    return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file))
        .getMessage();
  }

  @Test
  void emptyObjectGivesTheDefaults() throws Exception {
    assertThat(ConfigLoader.load(write("{}"))).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void completeFileIsReadField() throws Exception {
    ServerConfig config = ConfigLoader.load(write("""
        {
          // comments are allowed
          'bind': '127.0.0.1', 'tcpPort': 7401, 'httpPort': 0, 'publicHost': 'help.example.com',
          'agents': [
            {'id': 'alice', 'displayName': 'Alice', 'groups': ['premium', 'general'], 'maxSessions': 2, 'passwordHash': 'HASH'},
            {'id': 'bob', 'groups': ['general'], 'passwordHash': 'HASH'}
          ],
          'routing': {
            'rules': [
              {'match': 'exact', 'values': ['ACME-1', 'ACME-2'], 'group': 'premium'},
              {'match': 'prefix', 'value': 'VIP-', 'group': 'premium'},
              {'match': 'pattern', 'value': '[0-9]{6}', 'group': 'billing'}
            ],
            'defaultGroup': 'general'
          },
          'offerTimeoutMs': 20000, 'declineCooldownMs': 5000, 'agentLogin': 'refuse', 'availableOnLogin': true,
          'queue': {'maxPerGroup': 50, 'positionUpdateMs': 400},
          'limits': {'maxLineLength': 32768, 'helloTimeoutMs': 5000, 'idleTimeoutMs': 90000,
                     'maxRequestsPerConnection': 2, 'maxPendingLogins': 10, 'loginThreads': 1},
          'cobrowse': {'allowedHosts': ['shop.example', 'help.example']},
          'logging': {'personalData': true}
        }
        """));

    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.tcpPort()).isEqualTo(7401);
    assertThat(config.httpPort()).isZero();
    assertThat(config.publicHost()).isEqualTo("help.example.com");
    assertThat(config.agents()).containsExactly(
        new AgentConfig("alice", "Alice", List.of("premium", "general"), 2, HASH),
        new AgentConfig("bob", "bob", List.of("general"), AgentConfig.DEFAULT_MAX_SESSIONS, HASH));
    assertThat(config.routing()).isEqualTo(new RoutingConfig(List.of(
        RoutingRule.exact("premium", "ACME-1", "ACME-2"),
        RoutingRule.prefix("premium", "VIP-"),
        RoutingRule.pattern("billing", "[0-9]{6}")), "general"));
    assertThat(config.offerTimeoutMs()).isEqualTo(20_000);
    assertThat(config.declineCooldownMs()).isEqualTo(5_000);
    assertThat(config.agentLogin()).isEqualTo(LoginPolicy.REFUSE);
    assertThat(config.availableOnLogin()).isTrue();
    assertThat(config.queue()).isEqualTo(new QueueConfig(50, 400));
    assertThat(config.limits()).isEqualTo(LimitsConfig.defaults().toBuilder().maxLineLength(32768)
        .helloTimeoutMs(5000).idleTimeoutMs(90000).maxRequestsPerConnection(2).maxPendingLogins(10).loginThreads(1)
        .build());
    assertThat(config.cobrowse().allowedHosts()).containsExactly("shop.example", "help.example");
    assertThat(config.logging().personalData()).isTrue();
  }

  @Test
  void missingPasswordHashNamesFileAgentAndField() throws Exception {
    assertThat(problem("{'agents': [{'id': 'a', 'groups': ['g'], 'passwordHash': 'HASH'}, {'id': 'b', 'groups': ['g']}]}"))
        .isEqualTo(dir.resolve("webassist.json") + ": agents[1].passwordHash: is required; "
            + "must be a PBKDF2 hash made by ./webassist hash-password");
  }

  @Test
  void plainPasswordInsteadOfAHashIsRefused() throws Exception {
    assertThat(problem("{'agents': [{'id': 'a', 'groups': ['g'], 'passwordHash': 'hunter2'}]}"))
        .endsWith("webassist.json: agents[0].passwordHash: must be a PBKDF2 hash made by ./webassist hash-password");
    assertThat(problem("{'agents': [{'id': 'a', 'groups': ['g'], 'password': 'hunter2'}]}"))
        .contains("agents[0].password: plain passwords are not accepted");
  }

  @Test
  void pageOriginsAndHttpTlsAreRead() throws Exception {
    ServerConfig config = ConfigLoader.load(write(
        "{'cobrowse': {'pageOrigins': ['https://Shop.Example.com:443', 'http://localhost:8080']}, 'http': {'tls': true}}"));
    assertThat(config.cobrowse().pageOrigins()).containsExactly("https://shop.example.com", "http://localhost:8080");
    assertThat(config.http().tls()).isTrue();
  }

  @Test
  void aPageOriginWithAPathIsRefused() throws Exception {
    assertThat(problem("{'cobrowse': {'pageOrigins': ['https://shop.example.com/cart']}}"))
        .contains("cobrowse.pageOrigins[0]:", "without a path");
    assertThat(problem("{'cobrowse': {'pageOrigins': ['null']}}")).contains("cobrowse.pageOrigins[0]:");
  }

  @Test
  void unknownFieldIsRefusedWithItsPath() throws Exception {
    assertThat(problem("{'tcpPrt': 7400}")).contains("webassist.json: tcpPrt: is not a known field");
    assertThat(problem("{'routing': {'rules': [{'match': 'exact', 'value': 'x', 'group': 'g', 'grup': 'h'}]}}"))
        .contains("routing.rules[0].grup: is not a known field");
  }

  @Test
  void badRegularExpressionIsRefused() throws Exception {
    assertThat(problem("{'routing': {'rules': [{'match': 'pattern', 'values': ['ok', '(unclosed'], 'group': 'g'}]}}"))
        .contains("routing.rules[0].values[1]: is not a valid regular expression");
  }

  @Test
  void unknownMatchKindIsRefused() throws Exception {
    assertThat(problem("{'routing': {'rules': [{'match': 'glob', 'value': 'x*', 'group': 'g'}]}}"))
        .contains("routing.rules[0].match: must be exact, prefix or pattern");
  }

  @Test
  void ruleWithoutValuesIsRefused() throws Exception {
    assertThat(problem("{'routing': {'rules': [{'match': 'exact', 'group': 'g'}]}}"))
        .contains("routing.rules[0].values: give \"value\" or a non-empty \"values\" list");
  }

  @Test
  void cannedRepliesAreReadPerGroup() throws Exception {
    ServerConfig config = ConfigLoader.load(write("""
        {'routing': {'groups': {
          'general': {'cannedReplies': [{'shortcut': 'hi', 'text': 'Hello, how can I help?'},
                                        {'shortcut': 'bye', 'text': 'Thanks for asking.'}]},
          'billing': {'cannedReplies': [{'shortcut': 'refund', 'text': 'Refunds take five days.'}]}}},
         'sessionReclaimMs': 45000, 'queue': {'statusUpdateMs': 250}}
        """));

    assertThat(config.routing().cannedReplies()).isEqualTo(Map.of(
        "general", List.of(new CannedReply("general", "hi", "Hello, how can I help?"),
            new CannedReply("general", "bye", "Thanks for asking.")),
        "billing", List.of(new CannedReply("billing", "refund", "Refunds take five days."))));
    assertThat(config.sessionReclaimMs()).isEqualTo(45_000);
    assertThat(config.queue().statusUpdateMs()).isEqualTo(250);
    assertThat(ServerConfig.defaults().sessionReclaimMs()).isEqualTo(30_000);
    assertThat(ServerConfig.defaults().queue().statusUpdateMs()).isEqualTo(500);
  }

  @Test
  void badCannedRepliesNameTheGroupAndField() throws Exception {
    assertThat(problem("{'routing': {'groups': {'general': {'cannedReplies': [{'text': 'Hello'}]}}}}"))
        .contains("webassist.json: routing.groups.general.cannedReplies[0].shortcut: is required");
    assertThat(problem("{'routing': {'groups': {'general': {'cannedReplies': [{'shortcut': 'two words', 'text': 'x'}]}}}}"))
        .contains("routing.groups.general.cannedReplies[0].shortcut: must be one word");
    assertThat(problem("{'routing': {'groups': {'general': {'cannedReplies': [{'shortcut': 'a', 'text': 'x'}, "
        + "{'shortcut': 'a', 'text': 'y'}]}}}}"))
        .contains("routing.groups.general.cannedReplies[1].shortcut: \"a\" is used twice in group general");
    assertThat(problem("{'routing': {'groups': {'general': {'replies': []}}}}"))
        .contains("routing.groups.general.replies: is not a known field");
    assertThat(problem("{'sessionReclaimMs': -1}")).contains("sessionReclaimMs");
  }

  @Test
  void shortSigningSecretIsRefusedWithAHowTo() throws Exception {
    assertThat(problem("{'routing': {'signingSecret': 'short'}}"))
        .contains("routing.signingSecret: must be at least 16 bytes");
  }

  @Test
  void wrongTypesAndRangesAreRefused() throws Exception {
    assertThat(problem("{'tcpPort': '7400'}")).contains("tcpPort: must be a whole number");
    assertThat(problem("{'tcpPort': 70000}")).contains("tcpPort: must be between 0 and 65535 (was 70000)");
    assertThat(problem("{'offerTimeoutMs': 10}")).contains("offerTimeoutMs: must be between 1000");
    assertThat(problem("{'limits': {'idleTimeoutMs': true}}")).contains("limits.idleTimeoutMs: must be a whole number");
    assertThat(problem("{'agentLogin': 'kick'}")).contains("agentLogin: must be takeover or refuse");
    assertThat(problem("{'logging': {'personalData': 'yes'}}")).contains("logging.personalData: must be true or false");
  }

  @Test
  void duplicateAgentIdsAndAgentsWithoutGroupsAreRefused() throws Exception {
    assertThat(problem("{'agents': [{'id': 'a', 'groups': ['g'], 'passwordHash': 'HASH'},"
        + " {'id': 'a', 'groups': ['g'], 'passwordHash': 'HASH'}]}"))
        .contains("agents[1].id: \"a\" is used by another agent too");
    assertThat(problem("{'agents': [{'id': 'a', 'groups': [], 'passwordHash': 'HASH'}]}"))
        .contains("agents[0].groups: must list at least one group");
  }

  @Test
  void brokenJsonNamesTheLine() throws Exception {
    assertThat(problem("{\n'bind': '0.0.0.0',\n}")).contains("webassist.json: not valid JSON at line 3");
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class).hasMessage(missing + ": file not found");
  }

  @Test
  void configsCanBeBuiltInCode() {
    ServerConfig config = ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withAgents(List.of(AgentConfig.of("ann", "Ann", List.of("general"), HASH)))
        .withOfferTimeoutMs(500).withAvailableOnLogin(true);

    assertThat(config.tcpPort()).isZero();
    assertThat(config.agents()).extracting(AgentConfig::maxSessions).containsExactly(AgentConfig.DEFAULT_MAX_SESSIONS);
    assertThat(config.offerTimeoutMs()).isEqualTo(500);
    assertThat(config.routing().defaultGroup()).isEqualTo("general");
  }

  @Test
  void everyLimitIsReadFromTheLimitsSection() throws Exception {
    ServerConfig config = ConfigLoader.load(write("""
        {'limits': {
          'framesPerSecond': 30, 'frameBurst': 60, 'maxRefusedFrames': 90,
          'maxConnectionsPerIp': 8, 'maxConnections': 500, 'maxPendingRequestsPerIp': 3,
          'loginFailuresPerAgent': 4, 'loginFailuresPerIp': 12, 'loginFailureWindowMs': 60000, 'loginBackoffMs': 120000,
          'writeBufferLowWaterMark': 16384, 'writeBufferHighWaterMark': 131072, 'slowConsumerTimeoutMs': 5000}}
        """));

    assertThat(config.limits()).isEqualTo(LimitsConfig.defaults().toBuilder()
        .framesPerSecond(30).frameBurst(60).maxRefusedFrames(90)
        .maxConnectionsPerIp(8).maxConnections(500).maxPendingRequestsPerIp(3)
        .loginFailuresPerAgent(4).loginFailuresPerIp(12).loginFailureWindowMs(60_000).loginBackoffMs(120_000)
        .writeBufferLowWaterMark(16_384).writeBufferHighWaterMark(131_072).slowConsumerTimeoutMs(5_000)
        .build());
  }

  @Test
  void limitsHaveSaneDefaults() {
    LimitsConfig d = LimitsConfig.defaults();

    assertThat(d.framesPerSecond()).isEqualTo(100);
    assertThat(d.frameBurst()).isEqualTo(200);
    assertThat(d.maxRefusedFrames()).isEqualTo(200);
    assertThat(d.maxConnectionsPerIp()).isEqualTo(100);
    assertThat(d.maxConnections()).isEqualTo(10_000);
    assertThat(d.maxPendingRequestsPerIp()).isEqualTo(20);
    assertThat(d.loginFailuresPerAgent()).isEqualTo(5);
    assertThat(d.loginFailuresPerIp()).isEqualTo(20);
    assertThat(d.loginFailureWindowMs()).isEqualTo(300_000);
    assertThat(d.loginBackoffMs()).isEqualTo(300_000);
    assertThat(d.writeBufferLowWaterMark()).isEqualTo(32 * 1024);
    assertThat(d.writeBufferHighWaterMark()).isEqualTo(64 * 1024);
    assertThat(d.slowConsumerTimeoutMs()).isEqualTo(30_000);
  }

  @Test
  void badLimitsNameTheFieldInTheLimitsSection() throws Exception {
    assertThat(problem("{'limits': {'framesPerSecond': 0}}"))
        .endsWith("webassist.json: limits.framesPerSecond: must be between 1 and 1000000 (was 0)");
    assertThat(problem("{'limits': {'maxConnectionsPerIp': '10'}}"))
        .endsWith("webassist.json: limits.maxConnectionsPerIp: must be a whole number");
    assertThat(problem("{'limits': {'loginBackoffMs': 10}}"))
        .contains("limits.loginBackoffMs: must be between 1000 and 86400000 (was 10)");
    assertThat(problem("{'limits': {'writeBufferLowWaterMark': 70000, 'writeBufferHighWaterMark': 65536}}"))
        .endsWith("webassist.json: limits.writeBufferLowWaterMark: must not be above writeBufferHighWaterMark (70000 > 65536)");
    assertThat(problem("{'limits': {'framesPerSecnd': 10}}"))
        .contains("limits.framesPerSecnd: is not a known field");
  }

  @Test
  void tlsIsOnByDefaultWithTheSelfSignedIdentityInWebassistData() throws Exception {
    TlsConfig tls = ConfigLoader.load(write("{}")).tls();

    assertThat(tls).isEqualTo(ServerConfig.defaults().tls()).isEqualTo(TlsConfig.defaults());
    assertThat(tls.enabled()).isTrue();
    assertThat(tls.usesPemFiles()).isFalse();
    assertThat(tls.dataDir()).isEqualTo(Path.of("webassist-data", "tls"));
    assertThat(tls.commonNameFor(null)).isEqualTo("localhost");
    assertThat(tls.commonNameFor("support.example.com")).isEqualTo("support.example.com");
  }

  @Test
  void everyTlsFieldIsRead() throws Exception {
    TlsConfig pem = ConfigLoader.load(write("""
        {'tls': {'enabled': true, 'certFile': '/etc/webassist/cert.pem', 'keyFile': '/etc/webassist/key.pem',
                 'dataDir': '/var/lib/webassist/tls', 'commonName': 'dispatch.internal'}}
        """)).tls();

    assertThat(pem).isEqualTo(new TlsConfig(true, Path.of("/etc/webassist/cert.pem"), Path.of("/etc/webassist/key.pem"),
        Path.of("/var/lib/webassist/tls"), "dispatch.internal"));
    assertThat(pem.commonNameFor("support.example.com")).isEqualTo("dispatch.internal");
    assertThat(ConfigLoader.load(write("{'tls': {'enabled': false}}")).tls().enabled()).isFalse();
    assertThat(ConfigLoader.load(write("{'tls': {'certFile': null, 'keyFile': null, 'commonName': null}}")).tls())
        .isEqualTo(TlsConfig.defaults());
  }

  @Test
  void halfGivenPemFilesAreRefusedNamingTheMissingField() throws Exception {
    assertThat(problem("{'tls': {'certFile': 'cert.pem'}}"))
        .startsWith(dir.resolve("webassist.json") + ": tls.keyFile: is required when certFile is given");
    assertThat(problem("{'tls': {'keyFile': 'key.pem', 'certFile': null}}"))
        .startsWith(dir.resolve("webassist.json") + ": tls.certFile: is required when keyFile is given");
    assertThatThrownBy(() -> new TlsConfig(true, Path.of("cert.pem"), null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("tls.keyFile is required when tls.certFile is given");
    assertThatThrownBy(() -> TlsConfig.pem(null, Path.of("key.pem")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("tls.certFile is required when tls.keyFile is given");
  }

  @Test
  void httpClientJarIsReadAndDefaultsToFindingIt() throws Exception {
    assertThat(ConfigLoader.load(write("{}")).http()).isEqualTo(HttpConfig.defaults());
    assertThat(ConfigLoader.load(write("{'http': {'clientJar': '/opt/webassist/webassist-client.jar'}}")).http())
        .isEqualTo(new HttpConfig(Path.of("/opt/webassist/webassist-client.jar")));
    assertThat(problem("{'http': {'clientJar': ''}}")).contains("http.clientJar: must not be empty");
    assertThat(problem("{'http': {'clientjar': 'x.jar'}}")).contains("http.clientjar: is not a known field");
  }
  @Test
  void httpPublicBaseUrlIsCheckedAndEndsWithASlash() throws Exception {
    assertThat(ConfigLoader.load(write("{'http': {'publicBaseUrl': 'https://help.example.com/webassist'}}")).http()
        .publicBaseUrl()).isEqualTo("https://help.example.com/webassist/");
    assertThatThrownBy(() -> ConfigLoader.load(write("{'http': {'publicBaseUrl': 'ftp://help.example.com/'}}")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("publicBaseUrl");
    assertThatThrownBy(() -> ConfigLoader.load(write("{'http': {'publicBaseUrl': 'https://help.example.com/?a=b'}}")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("publicBaseUrl");
  }


  @Test
  void badTlsFieldsAreRefused() throws Exception {
    assertThat(problem("{'tls': {'enabled': 'yes'}}")).endsWith("webassist.json: tls.enabled: must be true or false");
    assertThat(problem("{'tls': {'dataDir': ''}}")).endsWith("webassist.json: tls.dataDir: must not be empty");
    assertThat(problem("{'tls': {'certFile': 42, 'keyFile': 'k'}}")).endsWith("webassist.json: tls.certFile: must be a string");
    assertThat(problem("{'tls': {'commonName': ' '}}")).contains("tls.commonName: must not be empty");
    assertThat(problem("{'tls': {'certfile': 'cert.pem'}}")).contains("tls.certfile: is not a known field");
    assertThat(problem("{'tls': true}")).endsWith("webassist.json: tls: must be a JSON object");
  }

  @Test
  void tlsCanBeConfiguredInCode() {
    ServerConfig config = ServerConfig.defaults().withTls(TlsConfig.selfSigned(dir));

    assertThat(config.tls()).isEqualTo(new TlsConfig(true, null, null, dir, null));
    assertThat(config.withTls(TlsConfig.disabled()).tls().enabled()).isFalse();
    assertThat(config.withTls(TlsConfig.pem(dir.resolve("c"), dir.resolve("k"))).tls().usesPemFiles()).isTrue();
    assertThat(config.withBind("127.0.0.1").tls()).isEqualTo(config.tls()); // every with… keeps it
  }
}
