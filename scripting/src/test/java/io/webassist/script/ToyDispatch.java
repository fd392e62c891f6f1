package io.webassist.script;

import com.fasterxml.jackson.databind.JsonNode;
import io.webassist.script.match.Json;
import java.io.IOException;

/**
 * A handler for {@link TestLineServer} that answers a few frames the way the dispatch server's
 * contract says, enough to run scenarios against: hello → welcome, support.request → queued then
 * assigned, chat.message → the same line back, session.end → close, broken JSON → bad_frame, anything else → unknown_type.
 */
public final class ToyDispatch implements TestLineServer.Handler {

  @Override
  public void onLine(TestLineServer.Client client, String line) throws IOException {
    JsonNode frame = Json.objectOrNull(line);
    if (frame == null) {
      client.send("{\"type\":\"error\",\"code\":\"bad_frame\",\"message\":\"malformed JSON\"}");
      return;
    }
    switch (frame.path("type").asText()) {
      case "hello" -> client.send("{\"type\":\"welcome\",\"protocol\":1,\"connectionId\":\"c-1\",\"idleTimeoutMs\":30000}");
      case "support.request" -> {
        client.send("{\"type\":\"support.queued\",\"requestId\":\"r-1\",\"position\":1}");
        client.send("{\"type\":\"support.assigned\",\"requestId\":\"r-1\",\"sessionId\":\"s-1\",\"token\":\"tok-1\","
            + "\"agent\":{\"id\":\"alice\",\"displayName\":\"Alice\"},\"relay\":{\"host\":\"127.0.0.1\",\"port\":7401}}");
      }
      case "chat.message" -> client.send(line);
      case "session.end" -> client.close();
      default -> client.send("{\"type\":\"error\",\"code\":\"unknown_type\"}");
    }
  }
}
