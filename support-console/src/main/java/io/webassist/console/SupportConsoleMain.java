package io.webassist.console;

import io.webassist.link.DispatchServerOptions;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The agent console in text mode, until the Swing console arrives: log in, see offers with who asks
 * and from where, accept, chat and lead the page.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"The agent console (text mode): log in, take offers, chat and co-browse.",
        "Commands: accept [id], decline [id], away, available, /go URL, /end, /quit; any other line is chat."})
public final class SupportConsoleMain implements Callable<Integer> {

  @Mixin
  DispatchServerOptions dispatch;



  @Option(names = "--agent", required = true, description = "Your agent id.")
  String agentId;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
  boolean passwordFromStdin;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SupportConsoleMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    // a person reads this program's output: library INFO lines would drown the conversation
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
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
    try (AgentDesk desk = new AgentDesk(target.host(), target.port(),
        agentId, password, target.security(), new TextDeskView(System.out, Clock.systemUTC()))) {
      try {
        desk.start().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("console: cannot log in at " + dispatch.server() + ": " + rootMessage(e));
        return 1;
      }
      readCommands(in, desk);
    }
    return 0;
  }

  private String readPassword(BufferedReader in) throws IOException {
    Console console = System.console();
    if (!passwordFromStdin && console != null) {
      char[] typed = console.readPassword("Password for %s: ", agentId);
      return typed == null ? null : new String(typed);
    }
    String env = System.getenv("WEBASSIST_AGENT_PASSWORD");
    return passwordFromStdin || env == null ? in.readLine() : env;
  }

  private static void readCommands(BufferedReader in, AgentDesk desk) throws IOException {
    for (String line; (line = in.readLine()) != null; ) {
      String command = line.trim();
      String[] words = command.split("\\s+", 2);
      String argument = words.length > 1 ? words[1] : null;
      switch (words[0]) {
        case "" -> { }
        case "accept" -> desk.accept(argument);
        case "decline" -> desk.decline(argument);
        case "away" -> desk.setAvailable(false);
        case "available" -> desk.setAvailable(true);
        case "/go" -> desk.act(model -> model.navigate(argument));
        case "/end" -> desk.endSession("resolved");
        case "/quit" -> {
          return;
        }
        default -> {
          String text = line;
          desk.act(model -> model.chat(text));
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
