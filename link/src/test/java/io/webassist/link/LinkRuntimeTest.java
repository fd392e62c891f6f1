package io.webassist.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LinkRuntime#run}: at once and in order on the link thread, queued from anywhere else, logged when it throws. */
class LinkRuntimeTest {

  @Test
  void onTheLinkThreadRunActsBeforeItReturnsAndAfterTasksQueuedLater() throws Exception {
    try (LinkRuntime runtime = LinkRuntime.create()) {
      List<String> order = new ArrayList<>();
      CompletableFuture<List<String>> seen = new CompletableFuture<>();
      runtime.execute(() -> {
        runtime.execute(() -> order.add("queued"));
        runtime.run(() -> order.add("run"));
        order.add("after run returned");
        runtime.execute(() -> seen.complete(List.copyOf(order)));
      });

      assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("run", "after run returned", "queued");
    }
  }

  @Test
  void fromAnotherThreadRunIsQueuedInOrderAndAThrowingTaskDoesNotStopTheOthers() throws Exception {
    try (LinkRuntime runtime = LinkRuntime.create()) {
      List<String> order = new ArrayList<>();
      CompletableFuture<List<String>> seen = new CompletableFuture<>();
      runtime.run(() -> order.add("first " + runtime.inLinkThread()));
      runtime.run(() -> {
        throw new IllegalStateException("a listener's bug");
      });
      runtime.run(() -> order.add("second"));
      runtime.execute(() -> {
        runtime.run(() -> {
          throw new IllegalStateException("a listener's bug, on the link thread");
        });
        order.add("still running");
        seen.complete(List.copyOf(order));
      });

      assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("first true", "second", "still running");
    }
  }
}
