package io.webassist.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowsePointer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs of keystrokes in one field and of pointer moves keep one line each; other events add lines. */
class ActivityListTest {
  private final ActivityList list = new ActivityList();

  private List<String> lines() {
    return list.entries().stream().map(e -> e.at() + " " + ActivityText.describe(e.event())).toList();
  }

  @Test
  void keystrokesInOneFieldUpdateThatFieldsLastLineWithTheNewTime() {
    list.record(new CobrowseInput(1, 0, "voucher", "S"), 100);
    list.record(new CobrowseInput(2, 0, "voucher", "SP"), 200);
    list.record(new CobrowseInput(3, 0, "voucher", "SPR"), 300);

    assertThat(lines()).containsExactly("300 typed in voucher: SPR");
  }

  @Test
  void anotherFieldOrAnotherEventStartsANewLine() {
    list.record(new CobrowseInput(1, 0, "voucher", "S"), 100);
    list.record(new CobrowseInput(2, 0, "voucher", "SP"), 200);
    list.record(new CobrowseInput(3, 0, "email", "a"), 300);
    list.record(new CobrowseInput(4, 0, "email", "ab"), 400);
    list.record(new CobrowseClick(5, 0, 10, 20, "#pay"), 500);
    list.record(new CobrowseInput(6, 0, "email", "abc"), 600);
    list.record(new CobrowsePointer(1, 2), 700);
    list.record(new CobrowsePointer(3, 4), 800);

    assertThat(lines()).containsExactly(
        "200 typed in voucher: SP",
        "400 typed in email: ab",
        "500 clicked #pay at 10,20",
        "600 typed in email: abc",
        "800 pointer at 3,4");
  }

  @Test
  void anUpdateInPlaceStillTellsTheListeners() {
    int[] changes = {0};
    list.addListener(l -> changes[0]++);
    list.record(new CobrowseInput(1, 0, "voucher", "S"), 100);
    list.record(new CobrowseInput(2, 0, "voucher", "SP"), 200);

    assertThat(changes[0]).isEqualTo(2);
    assertThat(list.size()).isEqualTo(1);
  }
}
