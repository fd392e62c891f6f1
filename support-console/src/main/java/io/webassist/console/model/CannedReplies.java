package io.webassist.console.model;

import io.webassist.protocol.frame.CannedReply;
import java.util.List;
import java.util.Locale;

/**
 * The canned replies the server sent at login, as a session's chat offers them: those of the session's
 * group (all of them when the group is unknown), picked from a list or by typing {@code /} and the
 * start of a shortcut.
 */
public final class CannedReplies {
  private final List<CannedReply> replies;

  public CannedReplies(List<CannedReply> replies) {
    this.replies = List.copyOf(replies);
  }

  /** The replies for {@code group}; all of them when it is null. Duplicated shortcuts keep the first. */
  public List<CannedReply> forGroup(String group) {
    return replies.stream().filter(r -> group == null || group.equals(r.group()))
        .filter(distinctShortcuts()).toList();
  }

  /**
   * The replies for {@code group} whose shortcut starts with what follows the {@code /} in
   * {@code typed}; empty when {@code typed} does not start with {@code /}.
   */
  public List<CannedReply> matching(String group, String typed) {
    if (typed == null || !typed.startsWith("/")) {
      return List.of();
    }
    String prefix = typed.substring(1).strip().toLowerCase(Locale.ROOT);
    return forGroup(group).stream()
        .filter(r -> r.shortcut().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
  }

  private static java.util.function.Predicate<CannedReply> distinctShortcuts() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return r -> seen.add(r.shortcut().toLowerCase(Locale.ROOT));
  }
}
