package io.webassist.client;

import io.webassist.app.DispatchServerOptions;
import io.webassist.protocol.frame.EndReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import io.webassist.client.ui.AssistController;
import io.webassist.client.ui.Details;
import io.webassist.client.ui.PageOpener;
import io.webassist.client.ui.Theme;
import io.webassist.client.ui.WindowLauncher;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The assist client the page's "Get help" launches (claims 72, 77, 80, 97): by default its window
 * ({@link WindowLauncher}), which asks for what the page did not pass, shows the queue, the agent,
 * the chat and the co-browse consent; with {@code --text} the text client for terminals and tests.
 * Without a display and without {@code --text} it says so and exits with status 2, no stack trace.
 *
 * <p>Text mode with {@code --no-terminal}: nobody types on standard input, so the client does not
 * read it (its end would mean "the user left"); it stays until the help ends for good, and it needs
 * a name or a phone from the page, since there is nobody to ask. On a terminal, a missing name is asked for.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Ask for help as a web-site user would: the help window, or with --text the text client.")
public final class AssistClientMain implements Callable<Integer> {

  private static final String WINDOW_LOG = "org.slf4j.simpleLogger.log." + WindowLauncher.class.getName();

  @Mixin
  DispatchServerOptions dispatch;

  @Option(names = "--page-url", required = true, description = "The page the user asks about.")
  String pageUrl;

  @Option(names = "--customer", description = "The site's customer id for this user.")
  String customerId;

  @Option(names = "--customer-signature", description = "The site's signature over the customer id.")
  String customerSignature;

  @Option(names = "--name", description = "The user's name.")
  String name;

  @Option(names = "--phone", description = "The user's phone number.")
  String phone;

  @Option(names = "--page-key", description = "The page bridge's key from the launch file: the person's browser tab "
      + "follows the agent (docs/PAGE-BRIDGE.md).")
  String pageKey;



  @Option(names = "--text", description = "The text client instead of the window: type to chat; "
      + "/allow, /stop and /quit.")
  boolean text;

  @Option(names = "--no-terminal", description = "With --text: nobody types on standard input; "
      + "do not read commands, stay until the help ends; --name or --phone is needed. Ignored by the window.")
  boolean noTerminal;

  @Option(names = "--theme", defaultValue = "SYSTEM", description = "The window's look: ${COMPLETION-CANDIDATES} "
      + "(default ${DEFAULT-VALUE}: light or dark as the desktop is set).")
  Theme.Choice theme;

  @Option(names = "--peer-bind", defaultValue = "0.0.0.0", description = "Address the peer listener binds (default ${DEFAULT-VALUE}).")
  String peerBind;

  public static void main(String[] args) {
    if (!java.util.Arrays.asList(args).contains("--text")) {
      Theme.prefetch();
    }
    System.exit(new CommandLine(new AssistClientMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    // a person reads this program's output: library INFO lines would drown the conversation
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (!text) {
      return window();
    }
    DispatchServerOptions.Target target = dispatch.targetOrExplain("client", System.err);
    if (target == null) {
      return 2;
    }
    if (blank(name) && blank(phone)) {
      if (noTerminal || System.console() == null) {
        System.err.println("client: the page passed neither a name nor a phone number and there is no terminal to "
            + "ask for them; add name= or phone= to the help link, or leave out --text and the window asks");
        return 2;
      }
      name = System.console().readLine("Your name (so the agent knows whom to help): ");
    }
    // the same checks as the window's form: a phone number the agent could not call is refused here too
    java.util.Optional<String> detailsProblem = new Details(name, phone).problems().first();
    if (detailsProblem.isPresent()) {
      System.err.println("client: " + detailsProblem.get());
      return 2;
    }
    AssistRequest request;
    try {
      request = new AssistRequest(target.host(), target.port(),
          pageUrl, customerId, customerSignature, name, phone, peerBind);
    } catch (IllegalArgumentException e) {
      System.err.println("client: " + e.getMessage());
      return 2;
    }
    TextClientView textView = new TextClientView(System.out);
    EndWatchingView view = new EndWatchingView(textView);
    try (AssistClient client = new AssistClient(request, target.security(), view).pageKey(pageKey)) {
      try {
        client.start().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("client: cannot reach the dispatch server at " + dispatch.server() + ": " + rootMessage(e));
        return 1;
      }
      if (noTerminal) {
        awaitEnd(view);
      } else {
        readCommands(client, textView);
      }
    }
    return 0;
  }

  /**
   * The window, until the person closes it. It opens while this thread checks the options and makes
   * the pinned TLS context (slow in a fresh JVM), so the details form is up sooner; options that do
   * not check out close it again and exit 2.
   */
  private Integer window() {
    if (System.getProperty(WINDOW_LOG) == null) {
      System.setProperty(WINDOW_LOG, "info"); // the "window shown" line the start-up benchmark reads
    }
    Optional<String> noDisplay = WindowLauncher.noDisplay();
    if (noDisplay.isPresent()) {
      System.err.println("client: " + noDisplay.get() + "; run it where there is a screen, or add --text "
          + "for the text client");
      return 2;
    }
    CompletableFuture<DispatchServerOptions.Target> server = new CompletableFuture<>();
    AssistController.Launch launch = new AssistController.Launch(server, pageUrl, customerId, customerSignature,
        peerBind, new Details(name, phone), pageKey);
    WindowLauncher.Opened window = WindowLauncher.open(launch, theme, PageOpener.desktop());
    DispatchServerOptions.Target target = dispatch.targetOrExplain("client", System.err);
    server.complete(target);
    try {
      if (target == null) {
        window.close();
        window.closed().get(10, TimeUnit.SECONDS);
        return 2;
      }
      window.closed().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      System.err.println("client: the window failed: " + rootMessage(e));
      return 1;
    }
    return target == null ? 2 : 0;
  }

  /** Without a terminal: until the session (or the hope of one) is over. */
  private static void awaitEnd(EndWatchingView view) {
    try {
      view.ended().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static void readCommands(AssistClient client, TextClientView textView) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.trim()) {
        case "" -> { }
        case "/quit" -> {
          textView.personLeaving();
          try {
            client.leave(EndReason.USER_LEFT).get(3, TimeUnit.SECONDS);
          } catch (Exception e) {
            // leaving anyway: the server ends the session when the connection closes
          }
          return;
        }
        case "/allow" -> client.act(model -> model.allowCobrowsing());
        case "/stop" -> client.act(model -> model.stopCobrowsing());
        default -> {
          String text = line;
          client.act(model -> model.chat(text));
        }
      }
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
