package io.webassist.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.webassist.bench.load.LineChannel;
import io.webassist.protocol.codec.FrameMapper;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.OfferAccept;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionStart;
import io.webassist.protocol.frame.SupportAssigned;
import io.webassist.protocol.frame.SupportOffer;
import io.webassist.protocol.frame.SupportQueued;
import io.webassist.protocol.frame.SupportRequest;
import io.webassist.protocol.frame.UserInfo;
import io.webassist.protocol.frame.AgentRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The route generator reads and writes bytes, not the product's codec: what it writes must be
 * what the codec reads, and what it recognises must be what the codec writes.
 */
class RouteGeneratorTest {

  private static final UserInfo USER = new UserInfo("Route user", "+1 555 0100", "127.0.0.2", "vip-0", null);

  private static String line(Frame frame) {
    return FrameMapper.INSTANCE.writeString(frame) + "\n";
  }

  private static List<Frame> written(EmbeddedChannel channel) throws Exception {
    List<Frame> frames = new ArrayList<>();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      try {
        for (String text : buf.toString(StandardCharsets.UTF_8).split("\n")) {
          frames.add(FrameMapper.INSTANCE.read(text));
        }
      } finally {
        buf.release();
      }
    }
    return frames;
  }

  @Test
  void preEncodedRequestsAreSupportRequestsWithEachRulesCustomerId() throws Exception {
    for (long i : new long[] {0, 1, 2, 3, 101, 9_876_543_210L}) {
      ByteBuf out = Unpooled.buffer();
      try {
        RouteScenario.User.writeRequest(out, i);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        SupportRequest request = (SupportRequest) FrameMapper.INSTANCE.read(text.strip());
        assertThat(request.customerId()).isEqualTo(RouteScenario.customerId(i));
      } finally {
        out.release();
      }
    }
  }

  @Test
  void agentAcceptsEachOfferAndEndsEachSessionByTheIdsTheServerSent() throws Exception {
    RouteScenario.RouteAgent agent = new RouteScenario.RouteAgent("route-agent-1");
    EmbeddedChannel channel = new EmbeddedChannel(LineChannel.initializer(() -> agent, 1 << 20, false));

    channel.writeInbound(Unpooled.copiedBuffer(
        line(new SupportOffer("r-1", USER, "http://127.0.0.1/route", 30_000, 1, "general"))
            + line(new SessionStart("s-9", "tok", "r-1", USER, "http://127.0.0.1/route", null, null, null, null))
            + "{\"type\":\"queue.status\",\"groups\":[]}\n",
        StandardCharsets.UTF_8));

    assertThat(written(channel)).satisfiesExactly(
        accept -> assertThat(accept).isEqualTo(new OfferAccept("r-1")),
        end -> {
          assertThat(end).isInstanceOf(SessionEnd.class);
          assertThat(((SessionEnd) end).sessionId()).isEqualTo("s-9");
          assertThat(((SessionEnd) end).reason()).isEqualTo("resolved");
        });
    channel.finishAndReleaseAll();
  }

  @Test
  void userCountsAnAssignmentOnlyWhenItsSupportAssignedComesAndIsFreeAfterTheSessionEnds() {
    Queue<RouteScenario.User> idle = new ConcurrentLinkedQueue<>();
    RouteScenario.Step step = new RouteScenario.Step();
    RouteScenario.User user = new RouteScenario.User(idle, new ConcurrentLinkedQueue<>(), step);
    EmbeddedChannel channel = new EmbeddedChannel(LineChannel.initializer(() -> user, 1 << 20, false));
    step.busy.incrementAndGet(); // a request out

    channel.writeInbound(Unpooled.copiedBuffer(line(new SupportQueued("r-1", 1, null, null)), StandardCharsets.UTF_8));
    assertThat(step.queuedFrames.sum()).isEqualTo(1);
    assertThat(step.assignedInStep.sum()).isZero();

    channel.writeInbound(Unpooled.copiedBuffer(line(new SupportAssigned("r-1", "s-9", "tok",
        new AgentRef("route-agent-1", null), null, null)), StandardCharsets.UTF_8));
    assertThat(step.assignedInStep.sum()).isEqualTo(1);
    assertThat(idle).isEmpty();

    channel.writeInbound(Unpooled.copiedBuffer(line(new SessionEnd("s-9", "resolved")), StandardCharsets.UTF_8));
    assertThat(idle).containsExactly(user);
    assertThat(step.busy.get()).isZero();
    assertThat(step.errors.sum()).isZero();
    channel.finishAndReleaseAll();
  }
}
