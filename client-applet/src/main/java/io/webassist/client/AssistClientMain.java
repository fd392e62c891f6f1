package io.webassist.client;

import io.webassist.link.DispatchServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The assist client in text mode, until the windowed client arrives: asks for help with what the
 * page knows, then chats. The page's JNLP (claims 72, 77, 97) passes the same options, plus
 * {@code --no-terminal}: under Java Web Start nobody types on standard input, so the client does not
 * read it (its end would mean "the user left"); it stays until the session ends or it is closed, and
 * it needs a name or a phone from the page, since there is nobody to ask (the windowed client's form
 * will ask). On a terminal, a missing name is asked for.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Ask for help as a web-site user would (text mode): request, queue, chat, co-browse consent.")
public final class AssistClientMain implements Callable<Integer> {

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



  @Option(names = "--no-terminal", description = "Nobody types on standard input (launched from a web page): "
      + "do not read commands, stay until the session ends; the page must pass --name or --phone.")
  boolean noTerminal;

  @Option(names = "--peer-bind", defaultValue = "0.0.0.0", description = "Address the peer listener binds (default ${DEFAULT-VALUE}).")
  String peerBind;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AssistClientMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    // a person reads this program's output: library INFO lines would drown the conversation
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    DispatchServerOptions.Target target = dispatch.targetOrExplain("client", System.err);
    if (target == null) {
      return 2;
    }
    if (blank(name) && blank(phone)) {
      if (noTerminal || System.console() == null) {
        System.err.println("client: the page passed neither a name nor a phone number and there is no terminal to "
            + "ask for them; add name= or phone= to the help link (the windowed client will ask instead)");
        return 2;
      }
      name = System.console().readLine("Your name (so the agent knows whom to help): ");
    }
    AssistRequest request;
    try {
      request = new AssistRequest(target.host(), target.port(),
          pageUrl, customerId, customerSignature, name, phone, peerBind);
    } catch (IllegalArgumentException e) {
      System.err.println("client: " + e.getMessage());
      return 2;
    }
    EndWatchingView view = new EndWatchingView(new TextClientView(System.out));
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
        readCommands(client);
      }
    }
    return 0;
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

  private static void readCommands(AssistClient client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.trim()) {
        case "" -> { }
        case "/quit" -> {
          client.end("user_left");
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
