package io.webassist.dispatch.net;

import io.webassist.dispatch.agents.Agent;
import io.webassist.dispatch.agents.AgentRegistry;
import io.webassist.dispatch.config.PasswordHasher;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks agents' passwords off the event loops: PBKDF2 is slow on purpose, so it runs on a small
 * bounded pool and the answer comes back as a future. An unknown agent id costs the same work as a
 * wrong password (a dummy hash is checked), so the answer time does not tell which ids exist.
 */
public final class AgentAuthenticator implements AutoCloseable {

  private final AgentRegistry agents;
  private final ThreadPoolExecutor executor;
  private volatile String dummyHash;

  public AgentAuthenticator(AgentRegistry agents, int threads, int maxPending) {
    this.agents = agents;
    AtomicInteger counter = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(maxPending), task -> {
          Thread thread = new Thread(task, "agent-login-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * The agent if {@code secret} is its password, empty otherwise. Fails with
   * {@link RejectedExecutionException} when too many checks are already waiting.
   */
  public CompletableFuture<Optional<Agent>> authenticate(String agentId, String secret) {
    return CompletableFuture.supplyAsync(() -> check(agentId, secret), executor);
  }

  private Optional<Agent> check(String agentId, String secret) {
    Optional<Agent> agent = agents.find(agentId);
    String hash = agent.map(Agent::passwordHash).orElseGet(this::dummyHash);
    boolean matches = PasswordHasher.verify(secret.toCharArray(), hash);
    return matches ? agent : Optional.empty();
  }

  private String dummyHash() {
    String hash = dummyHash;
    if (hash == null) {
      int iterations = agents.all().stream().findFirst()
          .map(a -> PasswordHasher.iterationsOf(a.passwordHash()))
          .orElse(PasswordHasher.DEFAULT_ITERATIONS);
      hash = PasswordHasher.hash("no such agent".toCharArray(), iterations);
      dummyHash = hash;
    }
    return hash;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
