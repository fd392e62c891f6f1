package io.webassist.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AssistRequestTest {

  @Test
  void launchOptionsCarryWhatThePageKnows() {
    AssistClientMain main = new AssistClientMain();
    new CommandLine(main).parseArgs("--server", "help.example.com:7400", "--page-url", "https://shop.example/cart",
        "--customer", "acme-42", "--name", "Ada");

    assertThat(main.dispatch.server()).isEqualTo("help.example.com:7400");
    assertThat(main.pageUrl).isEqualTo("https://shop.example/cart");
    assertThat(main.customerId).isEqualTo("acme-42");
    assertThat(main.peerBind).isEqualTo("0.0.0.0");
  }

  @Test
  void requestWithoutNameOrPhoneIsRefusedWithAReason() {
    assertThatThrownBy(() -> new AssistRequest("h", 7400, "https://x", "c", null, " ", null, "0.0.0.0"))
        .hasMessageContaining("name or a phone");
  }
}
