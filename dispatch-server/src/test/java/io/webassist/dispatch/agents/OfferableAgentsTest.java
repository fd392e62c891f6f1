package io.webassist.dispatch.agents;

import static io.webassist.dispatch.testing.TestHashes.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.config.AgentConfig;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.Availability;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each group's offer order and slot counts follow every change of its agents' state. */
class OfferableAgentsTest {

  private final AgentRegistry registry = new AgentRegistry(List.of(
      agent("ann", 2, "general", "premium"), agent("bob", 1, "general"), agent("cy", 3, "general"),
      agent("dee", 1, "premium")));
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private Agent in(String id, long since) {
    Agent agent = registry.find(id).orElseThrow();
    agent.attach(new RecordingLink(id), Availability.AVAILABLE, since);
    return agent;
  }

  private static List<String> order(OfferableAgents group) {
    List<String> ids = new ArrayList<>();
    for (Iterator<Agent> it = group.inOfferOrder(); it.hasNext(); ) {
      ids.add(it.next().id());
    }
    return ids;
  }

  /** What a pass over the group by {@link AgentRegistry#LONGEST_IDLE_FIRST} would choose, for comparison. */
  private List<String> sortedByRule(String group) {
    List<Agent> free = new ArrayList<>(registry.inGroup(group).stream().filter(Agent::canTakeOffer).toList());
    free.sort(AgentRegistry.LONGEST_IDLE_FIRST);
    return free.stream().map(Agent::id).toList();
  }

  @Test
  void nobodyIsOfferableBeforeLoggingInAndAvailable() {
    OfferableAgents general = registry.offerable("general");
    assertThat(general.isEmpty()).isTrue();
    assertThat(general.allSlots()).isZero();
    assertThat(registry.offerable("nobody")).isNull();

    Agent bob = registry.find("bob").orElseThrow();
    bob.attach(new RecordingLink("bob"), Availability.AWAY, 0);
    assertThat(general.isEmpty()).isTrue();

    bob.makeAvailable(5);
    assertThat(order(general)).containsExactly("bob");
    assertThat(general.freeSlots()).isEqualTo(1);
    assertThat(general.allSlots()).isEqualTo(1);
  }

  @Test
  void orderIsFewestSlotsTakenThenLongestIdleThenConfigurationOrder() {
    Agent ann = in("ann", 300);
    in("bob", 100);
    Agent cy = in("cy", 100);
    OfferableAgents general = registry.offerable("general");
    assertThat(order(general)).containsExactly("bob", "cy", "ann").isEqualTo(sortedByRule("general"));

    assertThat(cy.tryReserveOffer()).isTrue(); // one slot taken: behind the idle ones
    assertThat(order(general)).containsExactly("bob", "ann", "cy").isEqualTo(sortedByRule("general"));

    assertThat(registry.find("bob").orElseThrow().tryReserveOffer()).isTrue(); // full: out of the order
    assertThat(order(general)).containsExactly("ann", "cy").isEqualTo(sortedByRule("general"));
    assertThat(general.freeSlots()).isEqualTo(2 + 2);
    assertThat(general.allSlots()).isEqualTo(2 + 1 + 3);

    cy.release(50); // idle again since 50: the longest idle of all
    assertThat(order(general)).containsExactly("cy", "ann").isEqualTo(sortedByRule("general"));

    ann.makeAway();
    assertThat(order(general)).containsExactly("cy");
    assertThat(general.allSlots()).isEqualTo(1 + 3);
  }

  @Test
  void anAgentMovesInTheOrderOfEveryGroupItServes() {
    Agent ann = in("ann", 100);
    in("dee", 200);
    OfferableAgents premium = registry.offerable("premium");
    OfferableAgents general = registry.offerable("general");
    assertThat(order(premium)).containsExactly("ann", "dee");

    ann.tryReserveOffer(); // reserved by the general lane
    assertThat(order(premium)).containsExactly("dee", "ann");
    assertThat(order(general)).containsExactly("ann");

    ann.limitSessions(1);
    assertThat(order(premium)).containsExactly("dee");
    assertThat(order(general)).isEmpty();
    assertThat(premium.freeSlots()).isEqualTo(1);

    ann.detach(ann.link());
    assertThat(premium.allSlots()).isEqualTo(1);
    assertThat(general.allSlots()).isZero();
  }

  @Test
  void reservingForAnOfferNeedsALoggedInAvailableAgentWithAFreeSlot() {
    Agent dee = registry.find("dee").orElseThrow();
    assertThat(dee.tryReserveOffer()).isFalse(); // not logged in
    dee.attach(new RecordingLink("dee"), Availability.AWAY, 0);
    assertThat(dee.tryReserveOffer()).isFalse(); // away
    dee.makeAvailable(0);
    assertThat(dee.tryReserveOffer()).isTrue();
    assertThat(dee.tryReserveOffer()).isFalse(); // its one slot is taken
  }

  @Test
  void racingReservationsNeverExceedTheSlotsAndLeaveTheOrderTrue() throws Exception {
    List<AgentConfig> configs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      configs.add(agent("a" + i, 1 + i % 3, "general", i % 2 == 0 ? "premium" : "billing"));
    }
    AgentRegistry many = new AgentRegistry(configs);
    for (Agent a : many.all()) {
      a.attach(new RecordingLink(a.id()), Availability.AVAILABLE, a.order());
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (String group : List.of("general", "premium", "billing", "general")) {
      done.add(pool.submit(() -> {
        start.await();
        for (int round = 0; round < 2_000; round++) {
          for (Iterator<Agent> it = many.offerable(group).inOfferOrder(); it.hasNext(); ) {
            Agent a = it.next();
            if (a.tryReserveOffer()) {
              a.release(round);
              break;
            }
          }
          Agent first = many.inGroup(group).get(round % many.inGroup(group).size());
          if (first.tryReserveOffer()) {
            Thread.yield();
            first.release(round);
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }

    for (String group : List.of("general", "premium", "billing")) {
      OfferableAgents offerable = many.offerable(group);
      List<Agent> free = new ArrayList<>(many.inGroup(group));
      free.sort(AgentRegistry.LONGEST_IDLE_FIRST);
      assertThat(order(offerable)).as(group).isEqualTo(free.stream().map(Agent::id).toList());
      assertThat(offerable.freeSlots()).as(group).isEqualTo(free.stream().mapToInt(Agent::maxSessions).sum());
      assertThat(offerable.allSlots()).as(group).isEqualTo(offerable.freeSlots());
    }
    assertThat(many.all()).allSatisfy(a -> assertThat(a.load()).isZero());
  }
}
