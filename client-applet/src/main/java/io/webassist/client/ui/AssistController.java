package io.webassist.client.ui;

import io.webassist.client.AssistClient;
import io.webassist.client.AssistRequest;
import io.webassist.app.DispatchServerOptions;
import io.webassist.link.TransportSecurity;
import io.webassist.protocol.frame.EndReason;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.swing.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window's buttons do: make the request with the entered details, cancel, end, ask again,
 * allow or stop co-browsing, chat (and say that the person is typing), follow the agent's
 * navigation, and leave cleanly when the window closes (the agent is told). Called on the EDT; all
 * network work goes to {@link AssistClient}'s link thread or to a background thread, never blocks here.
 */
public final class AssistController {

  private static final Logger LOG = LoggerFactory.getLogger(AssistController.class);
  /** How long "is typing" lasts after the last keystroke. */
  static final int TYPING_IDLE_MS = 3000;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * Where the help desk is and what the page passed.
   *
   * @param server where the dispatch server is and how to trust it; made while the window opens
   *     (the pinned TLS context takes a while), awaited off the EDT when the person asks
   * @param peerBind the address the client's peer listener binds
   * @param prefilled name and phone from the page (may be empty)
   * @param pageKey the key that pairs the page's browser tab with this client (page bridge), or null
   */
  public record Launch(CompletableFuture<DispatchServerOptions.Target> server, String pageUrl,
      String customerId, String customerSignature, String peerBind, Details prefilled, String pageKey) {

    /** A launch whose server is known already, from no page's "Get help" (no page key). */
    public static Launch to(String host, int port, TransportSecurity security, String pageUrl, String customerId,
        String customerSignature, String peerBind, Details prefilled) {
      return new Launch(CompletableFuture.completedFuture(new DispatchServerOptions.Target(host, port, security)),
          pageUrl, customerId, customerSignature, peerBind, prefilled, null);
    }
  }

  private final Launch launch;
  private final AssistWindowModel model;
  private final PageOpener opener;
  private final Runnable onClosed;
  private final SwingClientView view;
  private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "assist-window-background");
    thread.setDaemon(true);
    return thread;
  });
  private final Timer typingTimer;
  private AssistClient client; // null until the request is on its way (and after it could not be)
  private int asks; // which "Ask" the client being made belongs to
  private boolean typingSent;
  private boolean closing;

  /**
   * @param onClosed run (on a background thread) once the window closed and the goodbyes went out
   */
  public AssistController(Launch launch, AssistWindowModel model, PageOpener opener, Runnable onClosed) {
    this.launch = launch;
    this.model = model;
    this.opener = opener;
    this.onClosed = onClosed;
    this.view = new SwingClientView(model, this::agentNavigated);
    this.typingTimer = new Timer(TYPING_IDLE_MS, e -> stoppedTyping());
    typingTimer.setRepeats(false);
  }

  public AssistWindowModel model() {
    return model;
  }

  /** "Ask for help" with what the form holds; false (nothing sent) when the details are not valid. */
  public boolean ask(Details entered) {
    Edt.check();
    if (!entered.problems().none()) {
      return false;
    }
    model.asking(entered);
    AssistClient previous = client;
    client = null;
    int attempt = ++asks;
    background.execute(() -> {
      if (previous != null) {
        previous.close();
      }
      DispatchServerOptions.Target server = launch.server().join();
      if (server == null) {
        return; // the launch options were refused; the program says why and exits
      }
      AssistRequest request = new AssistRequest(server.host(), server.port(), launch.pageUrl(), launch.customerId(),
          launch.customerSignature(), entered.nameOrNull(), entered.phoneOrNull(), launch.peerBind());
      // the page key pairs the person's browser tab with this client: the tab follows the agent
      AssistClient next = new AssistClient(request, server.security(), view).pageKey(launch.pageKey());
      Edt.run(() -> {
        if (closing || attempt != asks) {
          background.execute(next::close); // the window closed, or the person asked anew, meanwhile
          return;
        }
        client = next;
        background.execute(() -> start(next, server));
      });
    });
    return true;
  }

  private void start(AssistClient next, DispatchServerOptions.Target server) {
    next.start().orTimeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
      if (failure != null) {
        LOG.warn("cannot reach the help desk server={}:{} reason={}", server.host(), server.port(),
            rootMessage(failure));
        Edt.run(() -> {
          if (client == next && !closing) {
            client = null;
            model.unreachable(rootMessage(failure));
          }
        });
        background.execute(next::close);
      }
    });
  }

  /**
   * "Cancel" while connecting or waiting: the request is withdrawn; on the details form (or before
   * the request is on its way) it closes the window.
   */
  public void cancel() {
    Edt.check();
    if (client == null || model.screen() == AssistWindowModel.Screen.DETAILS) {
      close();
      return;
    }
    model.endingByPerson();
    client.cancel();
  }

  /** "Ask again" on the ended screen. */
  public void askAgain() {
    Edt.check();
    if (client == null) {
      ask(model.details());
      return;
    }
    model.askingAgain();
    client.askAgain();
  }

  /** "End": the session ends, the agent is told. */
  public void end() {
    Edt.check();
    if (client != null) {
      model.endingByPerson();
      client.leave(EndReason.RESOLVED);
    }
  }

  /** The consent switch: let the agent guide the person on this page, or stop that (claims 92, 94). */
  public void consent(boolean allow) {
    Edt.check();
    if (client != null) {
      client.act(session -> {
        if (allow) {
          session.allowCobrowsing();
        } else {
          session.stopCobrowsing();
        }
      });
    }
  }

  /** Sends a chat line (claims 98, 109). */
  public void send(String text) {
    Edt.check();
    if (client == null || text == null || text.isBlank()) {
      return;
    }
    typingTimer.stop();
    typingSent = false; // the agent's side stops showing "typing" when the message arrives
    String line = text.strip();
    client.act(session -> session.chat(line));
  }

  /** The person typed in the message field: the agent sees "typing" until a pause or the message. */
  public void typed() {
    Edt.check();
    if (client == null || model.screen() != AssistWindowModel.Screen.CONNECTED) {
      return;
    }
    if (!typingSent) {
      typingSent = true;
      client.act(session -> session.typing(true));
    }
    typingTimer.restart();
  }

  private void stoppedTyping() {
    if (typingSent && client != null) {
      typingSent = false;
      client.act(session -> session.typing(false));
    }
  }

  /** The agent took the shared page to {@code url}: the person's browser goes there, or the address is shown. */
  private void agentNavigated(String url) {
    Edt.check();
    if (url == null || url.equals(model.suggestedUrl())) {
      return;
    }
    if (!opener.canOpen()) {
      model.navigated(url, false);
      return;
    }
    model.navigated(url, false);
    opener.open(url).thenAccept(opened -> Edt.run(() -> {
      if (opened && url.equals(model.suggestedUrl())) {
        model.navigated(url, true);
      }
    }));
  }

  /** Whether the "Open" button can work here. */
  public boolean canOpenPages() {
    return opener.canOpen();
  }

  /** "Open" next to the agent's address. */
  public void openSuggested() {
    String url = model.suggestedUrl();
    if (url != null) {
      opener.open(url);
    }
  }

  /** "Copy" next to the agent's address. */
  public void copySuggested() {
    String url = model.suggestedUrl();
    if (url != null) {
      Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(url), null);
    }
  }

  /**
   * The window is closing: the session ends (the agent is told, reason {@code user_left}) or the
   * waiting request is withdrawn, then the client closes and {@code onClosed} runs.
   */
  public void close() {
    Edt.check();
    if (closing) {
      return;
    }
    closing = true;
    typingTimer.stop();
    AssistClient last = client;
    client = null;
    if (last != null) {
      model.endingByPerson();
    }
    background.execute(() -> {
      if (last != null) {
        CompletableFuture<Void> goodbye = last.leave(EndReason.USER_LEFT);
        try {
          goodbye.get(GOODBYE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          LOG.info("leaving without a goodbye reason={}", rootMessage(e));
        }
        last.close();
      }
      background.shutdown();
      onClosed.run();
    });
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
