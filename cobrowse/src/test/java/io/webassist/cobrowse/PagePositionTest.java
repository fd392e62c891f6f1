package io.webassist.cobrowse;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseScroll;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The selector + offset mapping that lets positions cross between the agent's page view and the user's
 * browser, which lay the page out at different widths; and that the session carries it both ways.
 */
class PagePositionTest {

  /** Where the elements are in the sender's layout and in the (narrower) receiver's layout. */
  private static final Map<String, PagePosition.Rect> WIDE = Map.of(
      "#voucher", new PagePosition.Rect(300, 420, 200, 24),
      "main > table", new PagePosition.Rect(100, 200, 800, 120));
  private static final Map<String, PagePosition.Rect> NARROW = Map.of(
      "#voucher", new PagePosition.Rect(20, 610, 150, 24),
      "main > table", new PagePosition.Rect(10, 380, 460, 200));

  private static Function<String, Optional<PagePosition.Rect>> in(Map<String, PagePosition.Rect> layout) {
    return selector -> Optional.ofNullable(layout.get(selector));
  }

  @Test
  void aPointOnAnElementKeepsItsOffsetInsideThatElement() {
    PagePosition at = PagePosition.within(310, 432, "#voucher", WIDE.get("#voucher"));

    assertThat(at).isEqualTo(new PagePosition(310, 432, "#voucher", 10, 12));
    assertThat(at.resolve(in(WIDE))).isEqualTo(new PageState.Point(310, 432));
  }

  @Test
  void theSameElementInAnotherLayoutPlacesThePointOnItNotAtTheOldPixels() {
    PagePosition at = PagePosition.within(310, 432, "#voucher", WIDE.get("#voucher"));

    assertThat(at.resolve(in(NARROW))).isEqualTo(new PageState.Point(30, 622));
  }

  @Test
  void anOffsetBeyondANarrowerElementStaysInsideIt() {
    PagePosition at = PagePosition.within(850, 310, "main > table", WIDE.get("main > table"));

    assertThat(at.offsetX()).isEqualTo(750);
    assertThat(at.resolve(in(NARROW))).isEqualTo(new PageState.Point(10 + 460, 380 + 110));
  }

  @Test
  void aNegativeOffsetIsKeptAtTheElementsEdge() {
    PagePosition at = new PagePosition(5, 5, "#voucher", -30, -4);

    assertThat(at.resolve(in(NARROW))).isEqualTo(new PageState.Point(20, 610));
  }

  @Test
  void anElementTheReceiverDoesNotHaveFallsBackToThePixels() {
    PagePosition at = PagePosition.within(310, 432, "#gone", new PagePosition.Rect(300, 420, 20, 20));

    assertThat(at.resolve(in(NARROW))).isEqualTo(new PageState.Point(310, 432));
  }

  @Test
  void withoutAUsableSelectorOnlyThePixelsAreKept() {
    PagePosition.Rect box = new PagePosition.Rect(0, 0, 10, 10);

    assertThat(PagePosition.within(7, 8, null, box)).isEqualTo(PagePosition.pixels(7, 8));
    assertThat(PagePosition.within(7, 8, "  ", box)).isEqualTo(PagePosition.pixels(7, 8));
    assertThat(PagePosition.within(7, 8, "div > ".repeat(60) + "p", box)).isEqualTo(PagePosition.pixels(7, 8));
    assertThat(PagePosition.within(7, 8, "#a", null)).isEqualTo(PagePosition.pixels(7, 8));
    assertThat(new PagePosition(7, 8, null, 3, 4).hasElement()).isFalse();
    assertThat(new PagePosition(7, 8, null, 3, 4).offsetX()).isZero();
  }

  @Test
  void theUsersPointerScrollAndClickReachTheAgentWithElementAndOffset() {
    Pair pair = new Pair().consented();
    PagePosition pointer = PagePosition.within(310, 432, "#voucher", WIDE.get("#voucher"));
    PagePosition top = PagePosition.within(0, 230, "main > table", WIDE.get("main > table"));

    pair.user.scroll(top);
    pair.user.pointer(pointer);
    pair.user.click(pointer);
    pair.deliver();

    assertThat(pair.toAgent.sentOf(CobrowsePointer.class)).singleElement()
        .satisfies(p -> assertThat(p.selector()).isEqualTo("#voucher"))
        .satisfies(p -> assertThat(p.offsetX()).isEqualTo(10))
        .satisfies(p -> assertThat(p.offsetY()).isEqualTo(12));
    assertThat(pair.toAgent.sentOf(CobrowseClick.class)).singleElement()
        .satisfies(c -> assertThat(c.target()).isEqualTo("#voucher"));
    PageState agentView = pair.agent.page();
    assertThat(agentView.remotePointerAt()).isEqualTo(pointer);
    assertThat(agentView.remotePointer()).isEqualTo(new PageState.Point(310, 432));
    assertThat(agentView.remoteClick()).isEqualTo(new PageState.Click(310, 432, "#voucher", 10, 12));
    assertThat(agentView.remoteClick().position().resolve(in(NARROW))).isEqualTo(new PageState.Point(30, 622));
    assertThat(agentView.scrollY()).isEqualTo(230);
    assertThat(agentView.scrollAt()).isEqualTo(new PagePosition(0, 230, "main > table", -100, 30));
  }

  @Test
  void theAgentsScrollAndPointerReachTheUserWithElementAndOffset() {
    Pair pair = new Pair().consented();

    pair.agent.scroll(new PagePosition(0, 500, "main > table", 0, 300));
    pair.agent.pointer(new PagePosition(40, 50, "h2", 4, 5));
    pair.deliver();

    assertThat(pair.toUser.sentOf(CobrowseScroll.class)).singleElement()
        .satisfies(s -> assertThat(s.selector()).isEqualTo("main > table"))
        .satisfies(s -> assertThat(s.offsetY()).isEqualTo(300));
    assertThat(pair.user.page().scrollAt().resolve(in(NARROW))).isEqualTo(new PageState.Point(10, 580));
    assertThat(pair.user.page().remotePointerAt()).isEqualTo(new PagePosition(40, 50, "h2", 4, 5));
  }

  @Test
  void theOldPixelOnlyCallsStillWorkAndCarryNoElement() {
    Pair pair = new Pair().consented();

    pair.user.scroll(0, 300);
    pair.user.pointer(40, 50);
    pair.deliver();

    assertThat(pair.toAgent.sentOf(CobrowseScroll.class)).singleElement()
        .satisfies(s -> assertThat(s.selector()).isNull());
    assertThat(pair.agent.page().scrollAt()).isEqualTo(PagePosition.pixels(0, 300));
    assertThat(pair.agent.page().remotePointerAt()).isEqualTo(PagePosition.pixels(40, 50));
  }

  @Test
  void withoutConsentNoPositionIsShared() {
    Pair pair = new Pair();

    assertThat(pair.agent.pointer(new PagePosition(1, 2, "h2", 0, 0))).isFalse();
    pair.user.pointer(new PagePosition(1, 2, "h2", 0, 0));
    pair.deliver();

    assertThat(pair.toUser.sentOf(CobrowsePointer.class)).isEmpty();
    assertThat(pair.toAgent.sentOf(CobrowsePointer.class)).isEmpty();
    assertThat(pair.agent.page().remotePointerAt()).isNull();
  }
}
