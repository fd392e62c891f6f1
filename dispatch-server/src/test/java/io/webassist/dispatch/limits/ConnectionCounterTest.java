package io.webassist.dispatch.limits;

import static io.webassist.dispatch.limits.ConnectionCounter.Admission.OK;
import static io.webassist.dispatch.limits.ConnectionCounter.Admission.TOO_MANY_FROM_IP;
import static io.webassist.dispatch.limits.ConnectionCounter.Admission.TOO_MANY_IN_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectionCounterTest {

  private final ConnectionCounter counter = new ConnectionCounter(2, 3);

  @Test
  void connectionOverThePerAddressLimitIsRefused() {
    assertThat(counter.tryOpen("10.0.0.1")).isEqualTo(OK);
    assertThat(counter.tryOpen("10.0.0.1")).isEqualTo(OK);

    assertThat(counter.tryOpen("10.0.0.1")).isEqualTo(TOO_MANY_FROM_IP);
    assertThat(counter.tryOpen("10.0.0.2")).isEqualTo(OK);
  }

  @Test
  void connectionOverTheTotalIsRefusedWhateverItsAddress() {
    counter.tryOpen("10.0.0.1");
    counter.tryOpen("10.0.0.2");
    counter.tryOpen("10.0.0.3");

    assertThat(counter.tryOpen("10.0.0.4")).isEqualTo(TOO_MANY_IN_TOTAL);
    assertThat(counter.open()).isEqualTo(3);
  }

  @Test
  void closingGivesThePlaceBackAndForgetsTheAddress() {
    counter.tryOpen("10.0.0.1");
    counter.tryOpen("10.0.0.1");

    counter.closed("10.0.0.1");

    assertThat(counter.tryOpen("10.0.0.1")).isEqualTo(OK);
    counter.closed("10.0.0.1");
    counter.closed("10.0.0.1");
    assertThat(counter.open()).isZero();
    assertThat(counter.addresses()).isZero();
  }

  @Test
  void refusedConnectionsDoNotUseUpThePlaces() {
    counter.tryOpen("10.0.0.1");
    counter.tryOpen("10.0.0.1");
    for (int i = 0; i < 10; i++) {
      counter.tryOpen("10.0.0.1");
    }

    assertThat(counter.open()).isEqualTo(2);
    assertThat(counter.tryOpen("10.0.0.9")).isEqualTo(OK);
  }

  @Test
  void concurrentOpensNeverAdmitMoreThanTheLimits() throws Exception {
    ConnectionCounter shared = new ConnectionCounter(50, 120);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String ip = "10.0.0." + (t % 2);
        tasks.add(() -> {
          int admitted = 0;
          for (int i = 0; i < 100; i++) {
            admitted += shared.tryOpen(ip) == OK ? 1 : 0;
          }
          return admitted;
        });
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        total += f.get();
      }
      assertThat(total).isEqualTo(100); // 50 for each of the two addresses
      assertThat(shared.openFrom("10.0.0.0")).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }
}
