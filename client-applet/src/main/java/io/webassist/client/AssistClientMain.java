package io.webassist.client;

import io.webassist.link.TransportSecurity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The assist client in text mode, until the windowed client arrives: asks for help with what the
 * page knows, then chats. The JNLP launch passes the same options.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Ask for help as a web-site user would (text mode): request, queue, chat, co-browse consent.")
public final class AssistClientMain implements Callable<Integer> {

  @Option(names = "--server", defaultValue = "127.0.0.1:7400", description = "Dispatch server host:port (default ${DEFAULT-VALUE}).")
  String server;

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

  @Option(names = "--server-fingerprint", paramLabel = "FP",
      description = "SHA-256 fingerprint of the dispatch server's certificate (it prints it at start); "
          + "the connection is TLS and trusts only that certificate. Required unless --insecure.")
  String serverFingerprint;

  @Option(names = "--insecure", description = "Plain TCP, no encryption, no server check: development only.")
  boolean insecure;

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
    int colon = server.lastIndexOf(':');
    if (colon < 1) {
      System.err.println("client: --server must be host:port, not '" + server + "'");
      return 2;
    }
    TransportSecurity security;
    try {
      security = TransportSecurity.choose(serverFingerprint, insecure);
    } catch (IllegalArgumentException e) {
      System.err.println("client: " + e.getMessage());
      return 2;
    }
    if (!security.isTls()) {
      System.err.println("client: " + TransportSecurity.INSECURE_WARNING);
    }
    AssistRequest request;
    try {
      request = new AssistRequest(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)),
          pageUrl, customerId, customerSignature, name, phone, peerBind);
    } catch (IllegalArgumentException e) {
      System.err.println("client: " + e.getMessage());
      return 2;
    }
    try (AssistClient client = new AssistClient(request, security, new TextClientView(System.out))) {
      try {
        client.start().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("client: cannot reach the dispatch server at " + server + ": " + rootMessage(e));
        return 1;
      }
      readCommands(client);
    }
    return 0;
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
