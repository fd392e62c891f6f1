package io.webassist.console.model;

import io.webassist.protocol.frame.AgentReady;
import io.webassist.protocol.frame.Availability;
import io.webassist.protocol.frame.CannedReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who is logged in where and how the connection to the dispatch server stands: the status bar and the
 * reconnect banner. Also the canned replies the server sent at login. Confined to the desk's thread.
 */
public final class DeskStatus {

  /** The dispatch connection as the agent sees it. */
  public enum Connection {
    /** Connecting and logging in for the first time. */
    CONNECTING,
    /** Logged in: offers can arrive. */
    ONLINE,
    /** Lost the server; the console reconnects and logs in again by itself. */
    RECONNECTING,
    /** Logged out or refused; final. */
    CLOSED
  }

  /** Something the server refused ({@code error.code}, its message). */
  public record Problem(String code, String message) {}

  /** What changed. */
  public enum Change { LOGGED_IN, CONNECTION, AVAILABILITY, PROBLEM }

  public interface Listener {
    void statusChanged(DeskStatus status, Change change);
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final String server;
  private final String agentId;
  private Connection connection = Connection.CONNECTING;
  private String displayName;
  private List<String> groups = List.of();
  private List<CannedReply> cannedReplies = List.of();
  private Availability availability = Availability.AVAILABLE;
  private Problem problem;
  private int logins;

  public DeskStatus(String server, String agentId) {
    this.server = server;
    this.agentId = agentId;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public String server() {
    return server;
  }

  public String agentId() {
    return agentId;
  }

  public Connection connection() {
    return connection;
  }

  public String displayName() {
    return displayName == null ? agentId : displayName;
  }

  public List<String> groups() {
    return groups;
  }

  public List<CannedReply> cannedReplies() {
    return cannedReplies;
  }

  public Availability availability() {
    return availability;
  }

  /** The last refusal from the server while it still applies (a new login clears it), or null. */
  public Problem problem() {
    return problem;
  }

  /** How many times this console logged in (more than one after reconnects). */
  public int logins() {
    return logins;
  }

  public void loggedIn(AgentReady ready) {
    displayName = ready.displayName();
    groups = ready.groups();
    cannedReplies = ready.cannedReplies();
    connection = Connection.ONLINE;
    problem = null; // logged in (again): an earlier refusal no longer applies
    logins++;
    fire(Change.LOGGED_IN);
  }

  public void connection(Connection next) {
    connection = next;
    fire(Change.CONNECTION);
  }

  public void availability(Availability next) {
    availability = next;
    fire(Change.AVAILABILITY);
  }

  public void problem(Problem next) {
    problem = next;
    fire(Change.PROBLEM);
  }

  private void fire(Change change) {
    listeners.forEach(l -> l.statusChanged(this, change));
  }
}
