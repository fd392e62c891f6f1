package io.webassist.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.CannedReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class CannedRepliesTest {
  private final CannedReplies replies = new CannedReplies(List.of(
      new CannedReply("general", "hello", "Hello! How can I help?"),
      new CannedReply("general", "wait", "One moment please."),
      new CannedReply("premium", "hello", "Welcome back, valued customer!"),
      new CannedReply("premium", "vip", "I have your premium account open.")));

  @Test
  void aSessionOffersItsGroupsReplies() {
    assertThat(replies.forGroup("general")).extracting(CannedReply::shortcut).containsExactly("hello", "wait");
    assertThat(replies.forGroup("premium")).extracting(CannedReply::text)
        .containsExactly("Welcome back, valued customer!", "I have your premium account open.");
  }

  @Test
  void typingSlashAndAPrefixNarrowsTheList() {
    assertThat(replies.matching("general", "/")).hasSize(2);
    assertThat(replies.matching("general", "/he")).extracting(CannedReply::text).containsExactly("Hello! How can I help?");
    assertThat(replies.matching("general", "/x")).isEmpty();
    assertThat(replies.matching("general", "hello")).isEmpty();
  }

  @Test
  void anUnknownGroupOffersEveryShortcutOnce() {
    assertThat(replies.forGroup(null)).extracting(CannedReply::shortcut).containsExactly("hello", "wait", "vip");
  }
}
