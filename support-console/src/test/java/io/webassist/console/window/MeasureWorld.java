package io.webassist.console.window;

import io.webassist.console.testing.TestServer;
import io.webassist.console.testing.TestUser;
import java.util.ArrayList;
import java.util.List;

/**
 * For docs/BENCHMARKS.md (not a test): a dispatch server and {@code N} users waiting for help, in this
 * JVM, so that a console measured in its own JVM carries only its own weight. Prints the server address
 * and fingerprint, then runs until killed.
 */
public final class MeasureWorld {
  private MeasureWorld() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    TestServer server = TestServer.start();
    System.out.println("server " + server.address() + " " + server.fingerprint());
    List<TestUser> asking = new ArrayList<>();
    for (int i = 1; i <= users; i++) {
      asking.add(TestUser.ask(server, "User " + i, null, "acme-" + i, "http://127.0.0.1/shop/page" + i + ".html"));
    }
    System.out.println("users " + users + " asking " + asking.size());
    Thread.currentThread().join();
  }
}
