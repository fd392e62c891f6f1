package io.webassist.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.GroupQueue;
import io.webassist.protocol.frame.QueueStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueueViewTest {

  @Test
  void countsWaitingPerGroupAndTheLongestWait() {
    QueueView queue = new QueueView();
    AtomicInteger changes = new AtomicInteger();
    queue.addListener(q -> changes.incrementAndGet());

    queue.update(new QueueStatus(List.of(new GroupQueue("general", 2, 40_000), new GroupQueue("premium", 1, 5_000))),
        1_000);

    assertThat(queue.groups()).extracting(GroupQueue::group).containsExactly("general", "premium");
    assertThat(queue.totalWaiting()).isEqualTo(3);
    assertThat(queue.longestWaitMs()).isEqualTo(40_000);
    assertThat(queue.updatedAt()).isEqualTo(1_000);
    queue.clear();
    assertThat(queue.totalWaiting()).isZero();
    assertThat(changes).hasValue(2);
  }
}
