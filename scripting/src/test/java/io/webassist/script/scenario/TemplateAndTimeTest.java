package io.webassist.script.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateAndTimeTest {

  @Test
  void placeholdersAreFilledInAndListedInOrder() {
    Template template = Template.parse("{\"token\":\"${token}\",\"port\":${relay.port},\"again\":\"${token}\"}");
    Map<String, String> values = Map.of("token", "t1", "relay.port", "7401");

    assertThat(template.variables()).containsExactly("token", "relay.port");
    assertThat(template.render(values::get)).isEqualTo("{\"token\":\"t1\",\"port\":7401,\"again\":\"t1\"}");
  }

  @Test
  void doubledDollarIsALiteralPlaceholder() {
    Template template = Template.parse("cost $${notAVariable} and $5");

    assertThat(template.hasVariables()).isFalse();
    assertThat(template.render(name -> "x")).isEqualTo("cost ${notAVariable} and $5");
  }

  @Test
  void brokenPlaceholdersAreRefused() {
    assertThatThrownBy(() -> Template.parse("a ${b")).hasMessage("unclosed '${' at column 3");
    assertThatThrownBy(() -> Template.parse("${1x}")).hasMessageContaining("bad variable name '${1x}'");
  }

  @Test
  void timesAreMillisecondsOrSeconds() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("500 ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(DurationText.parse("1500")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> DurationText.parse("2 minutes")).hasMessage("bad time '2 minutes' (write 500ms, 2s or 1500)");
  }

  @Test
  void hostPortsIncludeBracketedIpv6() {
    assertThat(HostPort.parse("127.0.0.1:7400")).isEqualTo(new HostPort("127.0.0.1", 7400));
    assertThat(HostPort.parse("[::1]:7400")).isEqualTo(new HostPort("::1", 7400));
    assertThat(HostPort.parse("[::1]:7400")).hasToString("[::1]:7400");
    assertThatThrownBy(() -> HostPort.parse("host:0")).hasMessage("port must be 1-65535: 0");
    assertThatThrownBy(() -> HostPort.parse("host:http")).hasMessageContaining("numeric port");
  }
}
