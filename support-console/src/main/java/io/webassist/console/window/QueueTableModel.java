package io.webassist.console.window;

import io.webassist.console.OfferText;
import io.webassist.console.model.QueueView;
import io.webassist.protocol.frame.GroupQueue;
import java.time.Duration;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/** The live queue as a table: group, waiting, longest wait (aged by the local clock between updates). */
final class QueueTableModel extends AbstractTableModel {
  private static final String[] COLUMNS = {"Group", "Waiting", "Longest wait"};
  private final QueueView queue;
  private List<GroupQueue> rows = List.of();
  private long now;

  QueueTableModel(QueueView queue) {
    this.queue = queue;
    queue.addListener(q -> refresh(now));
  }

  void refresh(long at) {
    now = at;
    rows = queue.groups();
    fireTableDataChanged();
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return COLUMNS.length;
  }

  @Override
  public String getColumnName(int column) {
    return COLUMNS[column];
  }

  @Override
  public Object getValueAt(int row, int column) {
    GroupQueue g = rows.get(row);
    return switch (column) {
      case 0 -> g.group();
      case 1 -> String.valueOf(g.waiting());
      default -> {
        if (g.waiting() == 0) {
          yield "—";
        }
        long aged = g.longestWaitMs() + Math.max(0, now - queue.updatedAt());
        yield OfferText.human(Duration.ofMillis(aged));
      }
    };
  }
}
