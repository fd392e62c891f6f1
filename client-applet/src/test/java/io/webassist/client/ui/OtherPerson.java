package io.webassist.client.ui;

import io.webassist.client.AssistClient;
import io.webassist.client.AssistRequest;
import io.webassist.client.ClientView;
import io.webassist.client.ConnectionPhase;
import io.webassist.client.QueueSpot;
import io.webassist.cobrowse.CobrowseSession;
import io.webassist.cobrowse.Notice;
import io.webassist.link.session.LinkState;
import io.webassist.protocol.frame.EndReason;
import io.webassist.protocol.frame.LinkPath;
import io.webassist.protocol.frame.UnavailableReason;
import java.util.concurrent.TimeUnit;

/** Someone else asking for help at the same time, with the real client and no window. */
final class OtherPerson implements AutoCloseable {

  private final AssistClient client;

  OtherPerson(HelpDesk desk, String name) {
    client = new AssistClient(new AssistRequest("127.0.0.1", desk.port(), HelpDesk.PAGE, "acme-1", null, name, null,
        "127.0.0.1"), desk.security(), new Silent());
    try {
      client.start().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void leave() {
    client.leave(EndReason.RESOLVED).join();
  }

  @Override
  public void close() {
    client.close();
  }

  private static final class Silent implements ClientView {
    @Override public void connection(ConnectionPhase phase) {}
    @Override public void queued(QueueSpot spot) {}
    @Override public void unavailable(UnavailableReason reason) {}
    @Override public void refused(String code, String message) {}
    @Override public void assigned(String agentName, CobrowseSession session) {}
    @Override public void linkChanged(LinkState state, LinkPath path) {}
    @Override public void notice(Notice notice) {}
    @Override public void pageChanged(String url) {}
    @Override public void ended(EndReason reason) {}
  }
}
