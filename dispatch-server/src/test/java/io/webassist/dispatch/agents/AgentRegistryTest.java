package io.webassist.dispatch.agents;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.Availability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {

  private final AgentRegistry registry = new AgentRegistry(List.of(
      agent("ann", 2, "general", "premium"), agent("bob", 1, "general"), agent("cy", 1, "billing")));

  private Agent available(String id, long since) {
    Agent agent = registry.find(id).orElseThrow();
    agent.attach(new RecordingLink(id), Availability.AVAILABLE, since);
    return agent;
  }

  @Test
  void agentsAreFoundByIdAndByGroup() {
    assertThat(registry.inGroup("general")).extracting(Agent::id).containsExactly("ann", "bob");
    assertThat(registry.inGroup("premium")).extracting(Agent::id).containsExactly("ann");
    assertThat(registry.inGroup("nobody")).isEmpty();
    assertThat(registry.servesGroup("billing")).isTrue();
    assertThat(registry.servesGroup("nobody")).isFalse();
    assertThat(registry.find("zed")).isEmpty();
  }

  @Test
  void longestIdleAgentComesFirstAmongEquallyLoadedOnes() {
    Agent ann = available("ann", 2_000);
    Agent bob = available("bob", 1_000);

    List<Agent> order = new ArrayList<>(List.of(ann, bob));
    order.sort(AgentRegistry.LONGEST_IDLE_FIRST);

    assertThat(order).containsExactly(bob, ann);
  }

  @Test
  void lessLoadedAgentComesBeforeALongerIdleBusyOne() {
    Agent ann = available("ann", 1_000);
    Agent bob = available("bob", 5_000);
    ann.tryReserve();

    List<Agent> order = new ArrayList<>(List.of(ann, bob));
    order.sort(AgentRegistry.LONGEST_IDLE_FIRST);

    assertThat(order).containsExactly(bob, ann);
  }

  @Test
  void agentTakesNoMoreThanItsMaxSessions() {
    Agent ann = available("ann", 0);

    assertThat(ann.tryReserve()).isTrue();
    assertThat(ann.tryReserve()).isTrue();
    assertThat(ann.tryReserve()).isFalse();
    assertThat(ann.canTakeOffer()).isFalse();
    ann.release(10);
    assertThat(ann.canTakeOffer()).isTrue();
  }

  @Test
  void releasingTheLastSlotMakesTheAgentIdleFromThatMoment() {
    Agent ann = available("ann", 0);
    ann.tryReserve();
    ann.tryReserve();

    ann.release(50);
    assertThat(ann.idleSince()).isZero();
    ann.release(70);
    assertThat(ann.idleSince()).isEqualTo(70);
  }

  @Test
  void agentCanLowerButNotRaiseItsLimit() {
    Agent ann = available("ann", 0);

    ann.limitSessions(1);
    assertThat(ann.maxSessions()).isEqualTo(1);
    ann.limitSessions(9);
    assertThat(ann.maxSessions()).isEqualTo(2);
  }

  @Test
  void awayOrLoggedOutAgentTakesNoOffers() {
    Agent ann = available("ann", 0);
    RecordingLink link = (RecordingLink) ann.link();

    ann.makeAway();
    assertThat(ann.canTakeOffer()).isFalse();
    ann.makeAvailable(1);
    assertThat(ann.canTakeOffer()).isTrue();
    assertThat(ann.detach(new RecordingLink("other"))).isFalse();
    assertThat(ann.detach(link)).isTrue();
    assertThat(ann.canTakeOffer()).isFalse();
  }

  @Test
  void concurrentReservationsNeverExceedTheLimit() throws Exception {
    Agent ann = available("ann", 0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger won = new AtomicInteger();
    try {
      List<Future<?>> tries = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        tries.add(pool.submit(() -> {
          if (ann.tryReserve()) {
            won.incrementAndGet();
          }
        }));
      }
      for (Future<?> t : tries) {
        t.get(5, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(won).hasValue(2);
    assertThat(ann.load()).isEqualTo(2);
  }
}
