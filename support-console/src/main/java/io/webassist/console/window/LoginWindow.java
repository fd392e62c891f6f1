package io.webassist.console.window;

import io.webassist.console.AgentDesk;
import io.webassist.console.LoginFailure;
import io.webassist.console.profile.ConsoleProfile;
import io.webassist.console.profile.FingerprintProbe;
import io.webassist.console.profile.FingerprintText;
import io.webassist.console.profile.ProfileStore;
import io.webassist.console.profile.TrustedThisRun;
import io.webassist.link.TransportSecurity;
import io.webassist.security.pin.Fingerprints;
import java.awt.BorderLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.WindowConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login window: server (host:port), agent id, password. The first connection to a server not yet
 * trusted shows the certificate's fingerprint and asks whether to trust it (or takes the one given with
 * {@code --server-fingerprint}); the trusted fingerprint, the server and the agent id — never the
 * password — are remembered in the profile after a successful login; a server trusted at the prompt stays
 * trusted for the rest of the run even when that login failed (a retry does not ask again). Wrong password, locked-out agent, unreachable server and a
 * changed certificate each get their own message; a changed certificate is refused.
 */
public final class LoginWindow {
  private static final Logger LOG = LoggerFactory.getLogger(LoginWindow.class);
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  public static final String TRUST = "Trust and log in";
  public static final String DO_NOT_TRUST = "Cancel";

  private final ConsoleApp.Options options;
  private final ProfileStore store;
  private final Clock clock;
  private final Consumer<AgentDesk> loggedIn;
  private final Runnable closed;
  private final JFrame frame = new JFrame("WebAssist console — log in");
  private final JTextField server = new JTextField(22);
  private final JTextField agent = new JTextField(22);
  private final JPasswordField password = new JPasswordField(22);
  private final JButton logIn = new JButton("Log in");
  private final JLabel message = new JLabel(" ");
  private ConsoleProfile profile = ConsoleProfile.EMPTY;
  private final TrustedThisRun trustedThisRun = new TrustedThisRun();
  private boolean done;
  private String unattended;

  LoginWindow(ConsoleApp.Options options, ProfileStore store, Clock clock, Consumer<AgentDesk> loggedIn,
      Runnable closed) {
    this.options = options;
    this.store = store;
    this.clock = clock;
    this.loggedIn = loggedIn;
    this.closed = closed;
    build();
  }

  public JFrame frame() {
    return frame;
  }

  private void build() {
    frame.setName("login");
    server.setName("server");
    agent.setName("agentId");
    password.setName("password");
    logIn.setName("logIn");
    message.setName("loginMessage");
    JPanel form = new JPanel(new GridBagLayout());
    form.setBorder(BorderFactory.createEmptyBorder(16, 16, 8, 16));
    addRow(form, 0, "Server (host:port)", server, 'S');
    addRow(form, 1, "Agent id", agent, 'A');
    addRow(form, 2, "Password", password, 'P');
    JPanel bottom = new JPanel(new BorderLayout(8, 8));
    bottom.setBorder(BorderFactory.createEmptyBorder(0, 16, 16, 16));
    bottom.add(message, BorderLayout.CENTER);
    bottom.add(logIn, BorderLayout.EAST);
    frame.getContentPane().add(form, BorderLayout.CENTER);
    frame.getContentPane().add(bottom, BorderLayout.SOUTH);
    frame.getRootPane().setDefaultButton(logIn);
    logIn.addActionListener(e -> logIn());
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.addWindowListener(new java.awt.event.WindowAdapter() {
      @Override
      public void windowClosed(java.awt.event.WindowEvent e) {
        if (!done) {
          closed.run();
        }
      }
    });
  }

  private static void addRow(JPanel form, int row, String text, javax.swing.JComponent field, char mnemonic) {
    JLabel label = new JLabel(text);
    label.setDisplayedMnemonic(mnemonic);
    label.setLabelFor(field);
    GridBagConstraints c = new GridBagConstraints();
    c.gridy = row;
    c.insets = new Insets(4, 4, 4, 8);
    c.anchor = GridBagConstraints.LINE_START;
    form.add(label, c);
    c.gridx = 1;
    c.weightx = 1;
    c.fill = GridBagConstraints.HORIZONTAL;
    form.add(field, c);
  }

  /**
   * Logs in as soon as the window is shown and the profile read, with no one typing (the web launch:
   * {@code --agent} and {@code WEBASSIST_AGENT_PASSWORD}); a failure is shown as for a typed login.
   * Before {@link #show}.
   */
  public void logInAtOnce(String secret) {
    Edt.assertOnEdt();
    unattended = secret;
  }

  /** Shows the window; the remembered server and agent id are filled in once the profile is read. */
  public void show() {
    Edt.assertOnEdt();
    server.setText(options.server() == null ? "" : options.server());
    agent.setText(options.agentId() == null ? "" : options.agentId());
    frame.pack();
    frame.setLocationRelativeTo(null);
    frame.setVisible(true);
    (agent.getText().isEmpty() ? agent : password).requestFocusInWindow();
    CompletableFuture.supplyAsync(store::load, Edt.background()).thenAccept(read -> Edt.later(() -> {
      profile = read;
      if (server.getText().isEmpty()) {
        server.setText(read.lastServer() == null ? "127.0.0.1:7400" : read.lastServer());
      }
      if (agent.getText().isEmpty() && read.lastAgentId() != null) {
        agent.setText(read.lastAgentId());
        password.requestFocusInWindow();
      }
      if (unattended != null) {
        password.setText(unattended);
        unattended = null;
        LOG.info("logging in without typing server={} agent={}", server.getText().strip(), agent.getText().strip());
        logIn();
      }
    }));
  }

  private void say(String text) {
    message.setText(text);
  }

  private void logIn() {
    String address = server.getText().strip();
    String agentId = agent.getText().strip();
    char[] secret = password.getPassword();
    HostPort target = HostPort.parse(address);
    if (target == null) {
      say("The server must be host:port, e.g. 127.0.0.1:7400.");
      return;
    }
    if (agentId.isEmpty() || secret.length == 0) {
      say("Enter your agent id and password.");
      return;
    }
    String secretText = new String(secret);
    java.util.Arrays.fill(secret, '\0');
    busy(true, "Connecting to " + target.text() + " …");
    if (options.insecure()) {
      connect(target, agentId, secretText, TransportSecurity.insecure(), null);
      return;
    }
    if (options.serverFingerprint() != null) {
      String given;
      try {
        given = Fingerprints.normalize(options.serverFingerprint());
      } catch (IllegalArgumentException e) {
        busy(false, "--server-fingerprint: " + e.getMessage());
        return;
      }
      connect(target, agentId, secretText, TransportSecurity.pinned(given), given);
      return;
    }
    String trusted = trustedThisRun.trusted(profile, target.text());
    if (trusted != null) {
      connect(target, agentId, secretText, TransportSecurity.pinned(trusted), trusted);
      return;
    }
    CompletableFuture.supplyAsync(() -> probe(target), Edt.background()).whenComplete((fingerprint, failure) ->
        Edt.later(() -> {
          if (failure != null) {
            busy(false, "Cannot reach a WebAssist server at " + target.text()
                + ". Check the address and that the server runs.");
          } else if (askToTrust(target, fingerprint)) {
            trustedThisRun.trust(target.text(), fingerprint);
            connect(target, agentId, secretText, TransportSecurity.pinned(fingerprint), fingerprint);
          } else {
            busy(false, "Not trusted; not connected.");
          }
        }));
  }

  private static String probe(HostPort target) {
    try {
      return FingerprintProbe.fetch(target.host(), target.port(), PROBE_TIMEOUT);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The first-contact prompt: the fingerprint, copyable, and a choice. */
  private boolean askToTrust(HostPort target, String fingerprint) {
    // whole bytes a line (never "…2A:E9:0" / "F:A5…"), monospaced so the lines align for comparing
    JTextArea text = new JTextArea(FingerprintText.lines(fingerprint));
    text.setName("fingerprint");
    text.setEditable(false);
    text.setLineWrap(false);
    text.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, text.getFont().getSize()));
    text.setRows(text.getLineCount());
    JPanel panel = new JPanel(new BorderLayout(8, 8));
    panel.add(new JLabel("<html>This console has not connected to <b>" + target.text() + "</b> before.<br>"
        + "Its certificate's SHA-256 fingerprint is:</html>"), BorderLayout.NORTH);
    panel.add(text, BorderLayout.CENTER);
    panel.add(new JLabel("<html>Compare it with the one your administrator gave you (the server prints it at "
        + "start).<br>Trust it only if they match.</html>"), BorderLayout.SOUTH);
    int choice = JOptionPane.showOptionDialog(frame, panel, "Trust this server?", JOptionPane.DEFAULT_OPTION,
        JOptionPane.WARNING_MESSAGE, null, new Object[] {TRUST, DO_NOT_TRUST}, DO_NOT_TRUST);
    return choice == 0;
  }

  private void connect(HostPort target, String agentId, String secret, TransportSecurity security, String pinned) {
    AgentDesk desk = new AgentDesk(new AgentDesk.Login(target.host(), target.port(), agentId, secret, security,
        options.maxSessions()), Edt.executor(), clock);
    desk.start().whenComplete((ready, failure) -> Edt.later(() -> {
      if (failure == null) {
        ConsoleProfile next = profile.loggedIn(target.text(), agentId, pinned);
        Edt.background().execute(() -> remember(next));
        done = true;
        frame.dispose();
        loggedIn.accept(desk);
        return;
      }
      Edt.background().execute(desk::close);
      LoginFailure why = failure instanceof LoginFailure f ? f
          : failure.getCause() instanceof LoginFailure f ? f : null;
      if (why != null && why.kind() == LoginFailure.Kind.UNTRUSTED_CERTIFICATE && pinned != null) {
        explainChangedCertificate(target, pinned);
      } else {
        busy(false, why != null ? why.getMessage() : "Cannot log in: " + failure.getMessage());
      }
    }));
  }

  /** The pinned certificate did not match: find out what the server shows now and refuse, saying why. */
  private void explainChangedCertificate(HostPort target, String pinned) {
    CompletableFuture.supplyAsync(() -> probe(target), Edt.background()).whenComplete((now, failure) ->
        Edt.later(() -> busy(false, "<html>Refused: the server's certificate changed.<br>Trusted: "
            + pinned + "<br>Now: " + (now == null ? "unknown" : now)
            + "<br>Someone may be in between. If your administrator replaced the certificate, start with "
            + "--server-fingerprint NEW or remove the server from " + store.file() + ".</html>")));
  }

  private void remember(ConsoleProfile next) {
    try {
      store.save(next);
    } catch (IOException e) {
      LOG.warn("cannot save the console profile file={} reason={}", store.file(), e.getMessage());
    }
  }

  private void busy(boolean on, String text) {
    logIn.setEnabled(!on);
    server.setEnabled(!on);
    agent.setEnabled(!on);
    password.setEnabled(!on);
    if (!on) {
      password.setText("");
      password.requestFocusInWindow();
    }
    say(text);
    frame.pack();
  }

  /** host:port as typed; [v6]:port too. */
  record HostPort(String host, int port) {
    static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        return null;
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        return port < 1 || port > 65535 || host.isBlank() ? null : new HostPort(host, port);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    String text() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }
}
