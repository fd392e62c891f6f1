package io.webassist.script.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.webassist.script.transport.LineConnection;
import io.webassist.script.transport.LineListener;
import java.util.HashMap;
import java.util.Map;

/** One named party of a scenario: its connection, its listener if it listens, and the frames it matched. */
final class Actor {

  final String name;
  LineConnection connection;
  LineListener listener;
  JsonNode lastMatched;
  final Map<String, JsonNode> lastMatchedByType = new HashMap<>();

  Actor(String name) {
    this.name = name;
  }

  void matched(JsonNode frame) {
    lastMatched = frame;
    JsonNode type = frame.get("type");
    if (type != null && type.isTextual()) {
      lastMatchedByType.put(type.asText(), frame);
    }
  }

  void closeAll() {
    if (connection != null) {
      connection.close();
    }
    if (listener != null) {
      listener.close();
    }
  }
}
