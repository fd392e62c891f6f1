package io.webassist.dispatch.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestQueueTest {

  private final RequestQueue<String> queue = new RequestQueue<>(3);

  private Map<String, Integer> moved() {
    Map<String, Integer> out = new LinkedHashMap<>();
    queue.forEachMoved(out::put);
    return out;
  }

  @Test
  void itemsLeaveInArrivalOrder() {
    queue.addLast("a");
    queue.addLast("b");
    queue.addLast("c");

    assertThat(queue.inOrder()).containsExactly("a", "b", "c");
    assertThat(queue.positionOf("c")).isEqualTo(3);
    assertThat(queue.positionOf("z")).isZero();
  }

  @Test
  void fullQueueRefusesMore() {
    queue.addLast("a");
    queue.addLast("b");
    queue.addLast("c");

    assertThat(queue.isFull()).isTrue();
    assertThat(queue.addLast("d")).isFalse();
    assertThat(queue.inOrder()).containsExactly("a", "b", "c");
  }

  @Test
  void putBackGoesToTheFrontEvenWhenFull() {
    queue.addLast("a");
    queue.addLast("b");
    queue.addLast("c");

    queue.addFirst("x");

    assertThat(queue.inOrder()).containsExactly("x", "a", "b", "c");
  }

  @Test
  void moveToFrontKeepsTheOthersInOrder() {
    queue.addLast("a");
    queue.addLast("b");
    queue.addLast("c");

    assertThat(queue.moveToFront("c")).isTrue();
    assertThat(queue.moveToFront("z")).isFalse();
    assertThat(queue.inOrder()).containsExactly("c", "a", "b");
  }

  @Test
  void onlyItemsWhosePositionChangedAreReported() {
    queue.addLast("a");
    queue.addLast("b");
    queue.addLast("c");
    assertThat(moved()).containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", 3));
    assertThat(moved()).isEmpty();

    queue.remove("b");

    assertThat(moved()).containsExactly(Map.entry("c", 2));
  }

  @Test
  void positionAlreadyToldIsNotReportedAgain() {
    queue.addLast("a");
    queue.told("a", 1);

    assertThat(moved()).isEmpty();
  }

  @Test
  void putBackMovesEveryoneBehindIt() {
    queue.addLast("a");
    queue.addLast("b");
    moved();

    queue.addFirst("x");

    assertThat(moved()).containsExactly(Map.entry("x", 1), Map.entry("a", 2), Map.entry("b", 3));
  }

  @Test
  void heldItemsKeepTheirPlaceButAreNotWaitingForAnOffer() {
    queue.addLast("a");
    queue.addLast("b");
    queue.addLast("c");

    queue.hold("a", true);

    assertThat(queue.nextWaiting(null)).isEqualTo("b");
    assertThat(queue.nextWaiting("b")).isEqualTo("c");
    assertThat(queue.nextWaiting("c")).isNull();
    assertThat(queue.positionOf("a")).isEqualTo(1);
    assertThat(queue.heldCount()).isEqualTo(1);

    queue.hold("a", false);
    assertThat(queue.nextWaiting(null)).isEqualTo("a");
    assertThat(queue.nextWaiting("a")).isEqualTo("b"); // passing over a held item finds the next one
  }

  @Test
  void anItemPutBackAtTheFrontIsWaitingAgainAndTheFirstIsTheFront() {
    queue.addLast("a");
    queue.addLast("b");
    queue.hold("b", true);

    queue.addFirst("b");

    assertThat(queue.first()).isEqualTo("b");
    assertThat(queue.nextWaiting(null)).isEqualTo("b");
    assertThat(queue.inOrder()).containsExactly("b", "a");
    assertThat(queue.remove("b")).isTrue();
    assertThat(queue.contains("b")).isFalse();
    assertThat(queue.nextWaiting(null)).isEqualTo("a");
  }
}
