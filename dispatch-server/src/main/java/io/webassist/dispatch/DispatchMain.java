package io.webassist.dispatch;

import io.webassist.protocol.transport.NettyTransport;
import io.webassist.dispatch.config.ConfigException;
import io.webassist.dispatch.config.ConfigLoader;
import io.webassist.dispatch.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar dispatch-server.jar --config webassist.json}: runs the dispatch server until
 * stopped (Ctrl-C / SIGTERM close it gracefully). A bad configuration prints the problem (file,
 * field, what is wrong) without a stack trace and exits with status 2.
 *
 * <p>Once listening it prints two lines on standard output, for operators and scripts:
 * <pre>
 * dispatch listening tcp=7400 http=7480
 * dispatch tls fingerprint=AB:CD:…:EF        (the SHA-256 fingerprint clients pin)
 * </pre>
 * or, in plain mode, {@code dispatch tls off (--insecure)} ({@code dispatch tls off (tls.enabled=false)}
 * when the configuration file turned TLS off), with {@link #INSECURE_WARNING} on standard error.
 */
@Command(name = "dispatch-server", mixinStandardHelpOptions = true,
    description = "Runs the WebAssist dispatch server.")
public final class DispatchMain implements Callable<Integer> {

  /** Exit status for a configuration the server refuses. */
  public static final int BAD_CONFIG = 2;
  /** Printed on standard error at every start without TLS. */
  public static final String INSECURE_WARNING =
      "WARNING: TLS is off (--insecure): names, phones and chats cross the network in clear";

  @Spec
  private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration file (see docs/OPERATIONS.md).")
  private Path configFile;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port for users, agents and the relay (overrides tcpPort; 0 = any free port).")
  private Integer port;

  @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (overrides httpPort; 0 = any free port).")
  private Integer httpPort;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (overrides bind).")
  private String bind;

  @Option(names = "--public-host", paramLabel = "HOST", description = "Host name clients use for the relay (overrides publicHost).")
  private String publicHost;

  @Option(names = "--insecure", description = "Plain TCP instead of TLS: for development only; names, phones "
      + "and chats cross the network in clear.")
  private boolean insecure;

  @Option(names = "--tls-dir", paramLabel = "DIR", description = "Where the self-signed TLS identity is kept "
      + "(overrides tls.dataDir; default webassist-data/tls).")
  private Path tlsDir;

  @Option(names = "--transport", paramLabel = "NAME", description = "Netty I/O transport: auto (epoll where "
      + "available, else nio), nio, epoll or io_uring (overrides transport).")
  private String transport;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DispatchMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config;
    try {
      config = configFile == null ? ServerConfig.defaults() : ConfigLoader.load(configFile);
      config = applyOverrides(config);
    } catch (ConfigException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return BAD_CONFIG;
    }
    if (!config.tls().enabled()) {
      spec.commandLine().getErr().println(INSECURE_WARNING);
      spec.commandLine().getErr().flush();
    }
    DispatchServer server;
    try {
      server = DispatchServer.start(config);
    } catch (IOException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("dispatch listening tcp=" + server.tcpPort() + " http=" + server.httpPort());
    out.println(server.fingerprint() != null ? "dispatch tls fingerprint=" + server.fingerprint()
        : "dispatch tls off (" + (insecure ? "--insecure" : "tls.enabled=false") + ")");
    out.println("dispatch transport=" + server.transport().setting());
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dispatch-shutdown"));
    server.awaitClosed();
    return 0;
  }

  private ServerConfig applyOverrides(ServerConfig config) {
    if (port != null) {
      config = config.withTcpPort(port);
    }
    if (httpPort != null) {
      config = config.withHttpPort(httpPort);
    }
    if (bind != null) {
      config = config.withBind(bind);
    }
    if (publicHost != null) {
      config = config.withPublicHost(publicHost);
    }
    if (tlsDir != null) {
      config = config.withTls(config.tls().withDataDir(tlsDir));
    }
    if (insecure) {
      config = config.withTls(config.tls().withEnabled(false));
    }
    if (transport != null) {
      NettyTransport.choose(transport); // an unknown or unavailable one: a message, not a stack trace
      config = config.withTransport(transport);
    }
    return config;
  }
}
