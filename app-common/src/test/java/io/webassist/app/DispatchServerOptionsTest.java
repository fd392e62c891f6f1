package io.webassist.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.link.TransportSecurity;
import io.webassist.security.tls.TlsIdentity;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DispatchServerOptionsTest {

  @Command(name = "probe")
  static final class Probe {
    @Mixin
    DispatchServerOptions dispatch;
  }

  private static DispatchServerOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.dispatch;
  }

  @Test
  void hostPortAndPinnedFingerprintMakeATlsTarget() {
    String fingerprint = TlsIdentity.selfSigned("localhost").fingerprint();

    DispatchServerOptions.Target target = parse("--server", "help.example.com:7400", "--server-fingerprint", fingerprint).target();

    assertThat(target.host()).isEqualTo("help.example.com");
    assertThat(target.port()).isEqualTo(7400);
    assertThat(target.security().isTls()).isTrue();
  }

  @Test
  void bracketedIpv6AddressIsUnderstood() {
    DispatchServerOptions.Target target = parse("--server", "[::1]:7400", "--insecure").target();

    assertThat(target.host()).isEqualTo("::1");
    assertThat(target.security().isTls()).isFalse();
  }

  @Test
  void addressWithoutAUsablePortIsRefusedWithTheAddressInTheMessage() {
    for (String bad : new String[] {"help.example.com", "help.example.com:http", ":7400", "h:0", "h:70000"}) {
      assertThatThrownBy(() -> parse("--server", bad, "--insecure").target())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("--server must be host:port, not '" + bad + "'");
    }
  }

  @Test
  void neitherFingerprintNorInsecureIsRefused() {
    assertThatThrownBy(() -> parse("--server", "h:7400").target())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--insecure");
  }
}
