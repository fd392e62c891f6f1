package io.webassist.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webassist.protocol.codec.FrameDecodingException;
import io.webassist.protocol.codec.FrameMapper;
import org.junit.jupiter.api.Test;

/** The page bridge's frames take typed values only: no action or event outside the list, no script URL. */
class PageFramesTest {

  private final FrameMapper mapper = FrameMapper.INSTANCE;

  @Test
  void aCommandOutsideTheListIsRefused() {
    assertThatThrownBy(() -> mapper.read("{\"type\":\"page.command\",\"action\":\"eval\",\"url\":\"x\"}"))
        .isInstanceOf(FrameDecodingException.class);
  }

  @Test
  void navigateTakesOnlyHttpAddresses() {
    assertThatThrownBy(() -> PageCommand.navigate("javascript:alert(1)")).isInstanceOf(FrameValidationException.class);
    assertThatThrownBy(() -> PageCommand.navigate("data:text/html,<b>x</b>"))
        .isInstanceOf(FrameValidationException.class);
    assertThat(PageCommand.navigate("https://shop.example.com/a?b=1").url()).isEqualTo("https://shop.example.com/a?b=1");
  }

  @Test
  void aPageEventIsReadFromWhatTheScriptSends() throws Exception {
    Frame frame = mapper.read("{\"type\":\"page.event\",\"event\":\"click\",\"selector\":\"#pay\",\"offsetX\":4,"
        + "\"offsetY\":5,\"x\":100,\"y\":200,\"extra\":true}");
    assertThat(frame).isEqualTo(PageEvent.at("click", 100, 200, "#pay", 4, 5));
  }

  @Test
  void inputNeedsAFieldAndAValue() {
    assertThatThrownBy(() -> mapper.read("{\"type\":\"page.event\",\"event\":\"input\",\"value\":\"x\"}"))
        .isInstanceOf(FrameDecodingException.class);
    assertThatThrownBy(() -> mapper.read("{\"type\":\"page.event\",\"event\":\"keylog\"}"))
        .isInstanceOf(FrameDecodingException.class);
  }

  @Test
  void bridgeStatesAreFromTheList() {
    assertThatThrownBy(() -> PageBridgeState.of("open_sesame", null)).isInstanceOf(FrameValidationException.class);
  }
}
