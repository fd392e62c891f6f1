package io.webassist.console;

import io.webassist.console.model.DeskModel;
import io.webassist.console.model.Offer;
import io.webassist.console.model.SessionModel;
import io.webassist.console.window.ConsoleApp;
import io.webassist.app.DispatchServerOptions;
import io.webassist.protocol.frame.EndReason;
import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./webassist console}: the agent's Swing workstation when a display exists, else (or with
 * {@code --text}) the text console: log in, see offers with who asks and from where, accept, chat and
 * lead the page.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"The agent console: a window when a display exists, else the text console.",
        "The window: log in, offers, one tab per session with chat and the user's page;",
        "--text forces the text console.",
        "Text commands: accept [id], decline [id], away, available, /go URL,",
        "/end [reason], /session ID, /transfer AGENT|group:NAME [note], /quit;",
        "any other line is chat to the current session."})
public final class SupportConsoleMain implements Callable<Integer> {
  /** The agent's password for a console started with no one to type it (text console, web launch). */
  static final String PASSWORD_VARIABLE = "WEBASSIST_AGENT_PASSWORD";

  @Mixin
  DispatchServerOptions dispatch;

  @Option(names = "--agent", description = "Your agent id (required with --text; the window asks for it, "
      + "or logs in at once when WEBASSIST_AGENT_PASSWORD is set too).")
  String agentId;

  @Option(names = "--password-stdin", description = "Text console: read the password from the first line of standard input.")
  boolean passwordFromStdin;

  @Option(names = "--text", description = "The text console even when a display exists.")
  boolean text;

  @Option(names = "--max-sessions",
      description = "Fewer sessions at once than your configured maximum (default: that maximum, as the server says).")
  Integer maxSessions;

  @Option(names = "--profile-dir", paramLabel = "DIR",
      description = "Where the window remembers servers, trusted fingerprints and your agent id (default: the folder "
          + "'.webassist' in your home folder).")
  Path profileDir;

  @Option(names = "--dark", description = "Window: start with the dark theme.")
  boolean dark;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SupportConsoleMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    // a person reads this program's output: library INFO lines would drown the conversation
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // the page view's JavaFX needs GTK 3; AWT would otherwise load GTK 2 first and JavaFX then refuses
    // to start ("Unable to load glass GTK library"). Must be set before AWT starts.
    if (System.getProperty("jdk.gtk.version") == null) {
      System.setProperty("jdk.gtk.version", "3");
    }
    if (maxSessions != null && maxSessions < 1) {
      System.err.println("console: --max-sessions must be at least 1");
      return 2;
    }
    if (!text && displayAvailable()) {
      return window();
    }
    if (!text) {
      System.err.println("console: no display here; starting the text console (--text)");
    }
    return textConsole();
  }

  /** True when a window can be shown (a display that answers, not headless). */
  static boolean displayAvailable() {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    try {
      return GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length > 0;
    } catch (Throwable e) { // AWTError when DISPLAY points nowhere
      return false;
    }
  }

  private int window() throws InterruptedException {
    boolean serverGiven = spec != null && spec.commandLine().getParseResult() != null
        && spec.commandLine().getParseResult().hasMatchedOption("--server");
    ConsoleApp.Options options = new ConsoleApp.Options(serverGiven ? dispatch.server() : null, agentId,
        dispatch.serverFingerprint(), dispatch.insecure(), maxSessions, profileDir, dark);
    if (dispatch.insecure()) {
      System.err.println("console: " + io.webassist.link.TransportSecurity.INSECURE_WARNING);
    }
    // unattended (the web launch, scripts): with --agent, the password from the environment logs in at once
    String password = agentId == null || agentId.isBlank() ? null : System.getenv(PASSWORD_VARIABLE);
    ConsoleApp.launch(options, password == null || password.isEmpty() ? null : password).await();
    return 0;
  }

  private int textConsole() throws IOException {
    if (agentId == null || agentId.isBlank()) {
      System.err.println("console: --agent ID is required for the text console");
      return 2;
    }
    DispatchServerOptions.Target target = dispatch.targetOrExplain("console", System.err);
    if (target == null) {
      return 2;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String password = readPassword(in);
    if (password == null) {
      System.err.println("console: no password given");
      return 2;
    }
    ExecutorService deskThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "console-desk");
      t.setDaemon(true);
      return t;
    });
    Clock clock = Clock.systemUTC();
    AgentDesk.Login login = new AgentDesk.Login(target.host(), target.port(), agentId, password, target.security(),
        maxSessions);
    try (AgentDesk desk = new AgentDesk(login, deskThread, clock)) {
      TextDeskView view = new TextDeskView(System.out, clock);
      deskThread.execute(() -> view.attach(desk.model()));
      try {
        desk.start().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("console: cannot log in at " + dispatch.server() + ": " + rootMessage(e));
        return 1;
      }
      new TextCommands(desk, deskThread).readFrom(in);
    } finally {
      deskThread.shutdown();
    }
    return 0;
  }

  private String readPassword(BufferedReader in) throws IOException {
    Console console = System.console();
    if (!passwordFromStdin && console != null) {
      char[] typed = console.readPassword("Password for %s: ", agentId);
      return typed == null ? null : new String(typed);
    }
    String env = System.getenv(PASSWORD_VARIABLE);
    return passwordFromStdin || env == null ? in.readLine() : env;
  }

  /** The text console's commands; the session they address is the one chosen with /session, else the newest. */
  private static final class TextCommands {
    private final AgentDesk desk;
    private final ExecutorService deskThread;
    private final DeskModel model;
    private volatile String chosenSession;

    TextCommands(AgentDesk desk, ExecutorService deskThread) {
      this.desk = desk;
      this.deskThread = deskThread;
      this.model = desk.model();
    }

    void readFrom(BufferedReader in) throws IOException {
      for (String line; (line = in.readLine()) != null; ) {
        String command = line.trim();
        String[] words = command.split("\\s+", 2);
        String argument = words.length > 1 ? words[1] : null;
        switch (words[0]) {
          case "" -> { }
          case "accept" -> onDesk(() -> withOffer(argument, offer -> desk.accept(offer.requestId())));
          case "decline" -> onDesk(() -> withOffer(argument, offer -> desk.decline(offer.requestId())));
          case "away" -> desk.setAvailable(false);
          case "available" -> desk.setAvailable(true);
          case "/session" -> chosenSession = argument;
          case "/go" -> onDesk(() -> withSession(s -> s.cobrowse().navigate(argument)));
          case "/end" -> onDesk(() -> withSession(s -> desk.end(s.sessionId(),
              argument == null ? EndReason.RESOLVED : EndReason.of(argument))));
          case "/transfer" -> onDesk(() -> withSession(s -> transfer(s, argument)));
          case "/quit" -> {
            return;
          }
          default -> {
            String chat = line;
            onDesk(() -> withSession(s -> s.cobrowse().chat(chat)));
          }
        }
      }
    }

    private void transfer(SessionModel session, String argument) {
      if (argument == null) {
        System.out.println("* Usage: /transfer AGENT [note] or /transfer group:NAME [note]");
        return;
      }
      String[] parts = argument.split("\\s+", 2);
      String note = parts.length > 1 ? parts[1] : null;
      boolean group = parts[0].startsWith("group:");
      desk.transfer(session.sessionId(), group ? null : parts[0], group ? parts[0].substring(6) : null, note);
    }

    private void onDesk(Runnable action) {
      deskThread.execute(action);
    }

    private void withOffer(String requestId, java.util.function.Consumer<Offer> action) {
      Offer offer = requestId == null ? model.offers().newest() : model.offers().get(requestId);
      if (offer == null) {
        System.out.println(requestId == null ? "* No offer waiting" : "* No offer " + requestId);
      } else {
        action.accept(offer);
      }
    }

    private void withSession(java.util.function.Consumer<SessionModel> action) {
      String chosen = chosenSession;
      SessionModel session = chosen != null && model.sessions().isOpen(chosen) ? model.sessions().get(chosen)
          : model.sessions().newest();
      if (session == null) {
        System.out.println("* No session yet");
      } else {
        action.accept(session);
      }
    }
  }

  private static String rootMessage(Throwable e) {
    if (e.getCause() instanceof LoginFailure failure) {
      return failure.getMessage();
    }
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
