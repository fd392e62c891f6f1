package io.webassist.script.interactive;

import io.webassist.script.scenario.HostPort;
import io.webassist.script.transport.Inbox;
import io.webassist.script.transport.LineConnection;
import io.webassist.script.transport.LineSecurity;
import io.webassist.script.transport.LineTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code script --interactive}: a line console for exploring a server by hand. The tester types
 * {@code alice: {"type":"hello",…}} to send a line as actor alice (connecting alice to the server
 * first if needed) and sees every line any actor receives, with the time and the actor's name.
 * Reads commands from any reader, so tests drive it through a pipe.
 */
public final class InteractiveConsole {

  private static final Pattern SEND = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):\\s?(.*)");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final Duration POLL = Duration.ofMillis(200);

  private final HostPort server;
  private final Duration timeout;
  private final int maxLineLength;
  private final LineSecurity security;
  private final PrintWriter out;
  private final Map<String, LineConnection> actors = new LinkedHashMap<>();

  /** @param security TLS pinned to the server (every {@code connect} is to the server or its relay), or plain */
  public InteractiveConsole(HostPort server, Duration timeout, int maxLineLength, LineSecurity security,
      PrintWriter out) {
    this.server = server;
    this.timeout = timeout;
    this.maxLineLength = maxLineLength;
    this.security = security;
    this.out = out;
  }

  /** Reads commands until {@code quit} or the end of input; returns the exit code (0). */
  public int run(BufferedReader in) throws IOException, InterruptedException {
    print("connected to nothing yet; server " + server + ", " + security + ". Type 'help' for commands.");
    try (LineTransport transport = new LineTransport(maxLineLength, security)) {
      try {
        String line;
        while ((line = in.readLine()) != null) {
          if (!handle(transport, line.strip())) {
            break;
          }
        }
      } finally {
        actors.values().forEach(LineConnection::close);
      }
    }
    print("bye");
    return 0;
  }

  /** Carries out one command; false means quit. */
  private boolean handle(LineTransport transport, String line) throws InterruptedException {
    if (line.isEmpty() || line.startsWith("#")) {
      return true;
    }
    String[] words = line.split("\\s+");
    switch (words[0]) {
      case "quit", "exit" -> {
        return false;
      }
      case "help" -> help();
      case "actors" -> listActors();
      case "connect" -> {
        if (words.length < 2 || words.length > 3) {
          print("usage: connect NAME [host:port]");
        } else {
          connect(transport, words[1], words.length == 3 ? words[2] : null);
        }
      }
      case "close" -> {
        if (words.length != 2) {
          print("usage: close NAME");
        } else {
          close(words[1]);
        }
      }
      default -> {
        Matcher send = SEND.matcher(line);
        if (send.matches()) {
          send(transport, send.group(1), send.group(2));
        } else {
          print("? type 'NAME: {json}' to send, or 'help'");
        }
      }
    }
    return true;
  }

  private void send(LineTransport transport, String actor, String text) throws InterruptedException {
    LineConnection connection = actors.get(actor);
    if (connection == null || !connection.isOpen()) {
      connection = connect(transport, actor, null);
      if (connection == null) {
        return;
      }
    }
    try {
      connection.send(text, timeout);
    } catch (IOException e) {
      print(actor + ": cannot send: " + e.getMessage());
    }
  }

  private LineConnection connect(LineTransport transport, String actor, String address) throws InterruptedException {
    LineConnection existing = actors.get(actor);
    if (existing != null && existing.isOpen()) {
      print(actor + " is already connected to " + existing.remote());
      return existing;
    }
    try {
      HostPort target = address == null ? server : HostPort.parse(address);
      LineConnection connection = transport.connect(target.host(), target.port(), timeout);
      actors.put(actor, connection);
      print(actor + " connected to " + target + " from " + connection.local());
      Thread pump = new Thread(() -> pump(actor, connection), "script-console-" + actor);
      pump.setDaemon(true);
      pump.start();
      return connection;
    } catch (IOException | IllegalArgumentException e) {
      print(actor + ": " + e.getMessage());
      return null;
    }
  }

  private void close(String actor) {
    LineConnection connection = actors.get(actor);
    if (connection == null) {
      print("no actor '" + actor + "'");
    } else {
      connection.close();
    }
  }

  /** Prints what one actor receives, until its connection closes. */
  private void pump(String actor, LineConnection connection) {
    Inbox inbox = connection.inbox();
    try {
      while (true) {
        Inbox.Next next = inbox.next(POLL);
        if (next instanceof Inbox.Line line) {
          print(actor + " < " + line.received().line());
        } else if (next instanceof Inbox.Closed closed) {
          print(actor + " closed (" + closed.reason() + ")");
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void listActors() {
    if (actors.isEmpty()) {
      print("no actors yet");
    }
    actors.forEach((name, connection) -> print(name + "  " + connection.local() + " -> " + connection.remote()
        + (connection.isOpen() ? "  open" : "  closed")));
  }

  private void help() {
    print("NAME: LINE             send LINE as actor NAME (connects NAME to " + server + " first if needed)");
    print("connect NAME [h:p]     connect actor NAME to the server, or to host:port");
    print("close NAME             close actor NAME's connection");
    print("actors                 list actors and their connections");
    print("quit                   close everything and leave");
  }

  private void print(String text) {
    synchronized (out) {
      out.println(LocalTime.now().format(TIME) + " " + text);
      out.flush();
    }
  }
}
