package io.webassist.dispatch.pagebridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.dispatch.clients.UserClient;
import io.webassist.dispatch.metrics.Metrics;
import io.webassist.dispatch.testing.RecordingLink;
import io.webassist.protocol.frame.Frame;
import io.webassist.protocol.frame.PageBridgeState;
import io.webassist.protocol.frame.PageCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The page hub's key rules without sockets: expiry, single use, one client per key, bounded. */
class PageHubTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final PageHub hub = new PageHub(new Metrics(), now::get, 60_000, 3);

  @Test
  void anUnclaimedLaunchExpires() {
    Launch launch = hub.launch(Map.of("url", List.of("https://a.example/")));
    now.addAndGet(60_000);
    hub.sweep();

    assertThat(hub.takeLaunch(launch.id())).isNull();
    assertThat(hub.admit(launch.pageKey())).isNull();
    RecordingLink link = new RecordingLink("u1");
    hub.claim(new UserClient(link, "127.0.0.1"), launch.pageKey());
    assertThat(link.take(PageBridgeState.class)).extracting(PageBridgeState::state).containsExactly("refused");
    assertThat(hub.openBridges()).isZero();
  }

  @Test
  void aClaimedBridgeOutlivesTheLaunchTimeAndEndsWithItsClient() {
    Launch launch = hub.launch(Map.of());
    RecordingLink link = new RecordingLink("u1");
    UserClient user = new UserClient(link, "127.0.0.1");
    hub.claim(user, launch.pageKey());
    now.addAndGet(120_000);
    hub.sweep();

    PageHub.Admission admission = hub.admit(launch.pageKey());
    assertThat(admission).isNotNull();
    Recorded page = new Recorded();
    hub.pageOpened(admission, page);
    hub.command(user, PageCommand.of("share"));
    assertThat(page.sent).contains(PageCommand.of("share"));

    hub.userLeft(user);
    assertThat(page.closedWith).isEqualTo(PageBridgeState.of("closed", "client_left"));
    assertThat(hub.admit(admission.nextKey())).isNull();
    assertThat(hub.openBridges()).isZero();
  }

  @Test
  void keysAreSingleUseAndTooManyOpenBridgesAreRefused() {
    Launch launch = hub.launch(Map.of());
    PageHub.Admission first = hub.admit(launch.pageKey());
    assertThat(first).isNotNull();
    assertThat(hub.admit(launch.pageKey())).isNull();
    assertThat(hub.admit(first.nextKey())).isNotNull();
    assertThat(hub.admit(first.nextKey())).isNull();
    hub.launch(Map.of());
    hub.launch(Map.of());
    assertThat(hub.launch(Map.of())).as("the fourth of at most three").isNull();
  }

  private static final class Recorded implements PageSocket {
    final List<Frame> sent = new ArrayList<>();
    Frame closedWith;

    @Override
    public void send(Frame frame) {
      sent.add(frame);
    }

    @Override
    public void close(Frame last) {
      closedWith = last;
    }
  }
}
