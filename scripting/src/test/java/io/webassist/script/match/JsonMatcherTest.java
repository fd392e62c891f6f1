package io.webassist.script.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonMatcherTest {

  private static final String OFFER = """
      {"type":"support.offer","requestId":"r-1","expiresInMs":30000,
       "user":{"name":"Ann","phone":"+1 555","ip":"127.0.0.1","customerId":"vip-1"},
       "pageUrl":"https://shop.example/cart","tags":["a","b"],"score":1.0,"flag":true,"none":null}
      """;

  @Test
  void fieldsNotInTheExpectationAreIgnored() {
    assertThat(matches("{\"type\":\"support.offer\"}", OFFER)).isTrue();
  }

  @Test
  void nestedObjectsMatchPartiallyToo() {
    assertThat(matches("{\"user\":{\"customerId\":\"vip-1\"}}", OFFER)).isTrue();
    assertThat(differences("{\"user\":{\"customerId\":\"acme\",\"email\":\"x\"}}", OFFER)).extracting(Difference::toString)
        .containsExactly("user.customerId: expected \"acme\", got \"vip-1\"", "user.email: missing (expected \"x\")");
  }

  @Test
  void arraysMatchElementByElementInOrderWithTheSameLength() {
    assertThat(matches("{\"tags\":[\"a\",\"b\"]}", OFFER)).isTrue();
    assertThat(differences("{\"tags\":[\"b\",\"a\"]}", OFFER)).extracting(Difference::toString)
        .containsExactly("tags[0]: expected \"b\", got \"a\"", "tags[1]: expected \"a\", got \"b\"");
    assertThat(differences("{\"tags\":[\"a\"]}", OFFER)).extracting(Difference::toString)
        .containsExactly("tags: expected 1 elements [\"a\"], got 2 [\"a\",\"b\"]");
  }

  @Test
  void objectsInsideArraysMatchPartially() {
    assertThat(matches("{\"items\":[{\"id\":1},{\"id\":2}]}", "{\"items\":[{\"id\":1,\"x\":0},{\"id\":2,\"y\":0}]}")).isTrue();
  }

  @Test
  void numbersCompareByValueButNotWithStrings() {
    assertThat(matches("{\"score\":1}", OFFER)).isTrue();
    assertThat(matches("{\"expiresInMs\":30000.0}", OFFER)).isTrue();
    assertThat(differences("{\"expiresInMs\":\"30000\"}", OFFER)).extracting(Difference::toString)
        .containsExactly("expiresInMs: expected \"30000\", got 30000");
  }

  @Test
  void booleansAndNullMustBeEqual() {
    assertThat(matches("{\"flag\":true,\"none\":null}", OFFER)).isTrue();
    assertThat(matches("{\"flag\":false}", OFFER)).isFalse();
    assertThat(differences("{\"user\":null}", OFFER)).hasSize(1);
  }

  @Test
  void wrongShapeIsNamed() {
    assertThat(differences("{\"user\":{\"name\":\"Ann\"}}", "{\"user\":\"Ann\"}")).extracting(Difference::toString)
        .containsExactly("user: expected an object, got \"Ann\"");
    assertThat(differences("{\"tags\":[]}", "{\"tags\":{}}")).extracting(Difference::toString)
        .containsExactly("tags: expected an array, got {}");
  }

  @Test
  void pathsFindNestedFieldsAndArrayElements() {
    JsonNode offer = Json.object(OFFER);

    assertThat(JsonPath.parse("user.ip").find(offer)).map(JsonNode::asText).contains("127.0.0.1");
    assertThat(JsonPath.parse("tags[1]").find(offer)).map(JsonNode::asText).contains("b");
    assertThat(JsonPath.parse("user.email").find(offer)).isEmpty();
    assertThat(JsonPath.parse("tags[5]").find(offer)).isEmpty();
    assertThatThrownBy(() -> JsonPath.parse("user..ip")).hasMessageContaining("bad path");
    assertThatThrownBy(() -> JsonPath.parse("tags[x]")).hasMessageContaining("bad path");
  }

  @Test
  void strictJsonRefusesTrailingGarbageAndNonObjects() {
    assertThatThrownBy(() -> Json.object("{\"a\":1} x")).hasMessageStartingWith("malformed JSON");
    assertThatThrownBy(() -> Json.object("[1]")).hasMessage("not a JSON object");
    assertThat(Json.objectOrNull("nope")).isNull();
    assertThat(Json.escape("say \"hi\"\n")).isEqualTo("say \\\"hi\\\"\\n");
  }

  private static boolean matches(String expected, String actual) {
    return JsonMatcher.matches(Json.object(expected), Json.object(actual));
  }

  private static java.util.List<Difference> differences(String expected, String actual) {
    return JsonMatcher.differences(Json.object(expected), Json.object(actual));
  }
}
