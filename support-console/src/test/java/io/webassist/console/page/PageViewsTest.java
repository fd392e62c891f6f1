package io.webassist.console.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowseRefused;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The factory's plain view: where JavaFX is not wanted or cannot start, the page's address and why. */
class PageViewsTest {

  @AfterEach
  void clear() {
    System.clearProperty(PageViews.PROPERTY);
  }

  @Test
  void thePlainViewShowsTheSharedAddressSaysWhyAndStillLeads() throws Exception {
    System.setProperty(PageViews.PROPERTY, "plain");
    List<String> navigated = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    AtomicInteger reasonWidth = new AtomicInteger();
    SwingUtilities.invokeAndWait(() -> {
      PageView view = PageViews.create();
      assertThat(view).isInstanceOf(UrlPageView.class);
      view.setListener(new RecordingListener(navigated));
      view.load("http://127.0.0.1:7480/shop/cart.html");
      view.showUserEvent(new CobrowseNavigate(1, 0, "http://127.0.0.1:7480/shop/premium.html"));
      view.showUserEvent(new CobrowseRefused(2, 0, "https://elsewhere.example/", "host not allowed"));
      JTextField address = find(view.component(), "pageAddress", JTextField.class);
      texts.add(address.getText());
      JTextArea reason = find(view.component(), "pageUnavailable", JTextArea.class);
      texts.add(reason.getText());
      reasonWidth.set(reason.getPreferredSize().width);
      texts.add(find(view.component(), "pageMessage", JLabel.class).getText());
      address.setText("http://127.0.0.1:7480/");
      address.postActionEvent();
      view.dispose();
    });

    assertThat(texts.get(0)).isEqualTo("http://127.0.0.1:7480/shop/premium.html");
    assertThat(texts.get(1)).contains("switched off").contains(PageViews.PROPERTY);
    assertThat(reasonWidth.get()).as("the reason wraps in a narrow column").isLessThanOrEqualTo(280);
    assertThat(texts.get(2)).contains("elsewhere.example").contains("host not allowed");
    assertThat(navigated).containsExactly("http://127.0.0.1:7480/");
  }

  private static <T> T find(java.awt.Container root, String name, Class<T> type) {
    for (java.awt.Component child : root.getComponents()) {
      if (name.equals(child.getName()) && type.isInstance(child)) {
        return type.cast(child);
      }
      if (child instanceof java.awt.Container container) {
        T found = find(container, name, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private record RecordingListener(List<String> navigated) implements PageView.Listener {
    @Override
    public void navigated(String url) {
      navigated.add(url);
    }

    @Override
    public void scrolled(int x, int y, String selector, int offsetX, int offsetY) {}

    @Override
    public void pointerMoved(int x, int y, String selector, int offsetX, int offsetY) {}

    @Override
    public void highlighted(String selector, int x, int y, int width, int height) {}

    @Override
    public void loaded(String url, String title) {}

    @Override
    public void loadFailed(String url, String reason) {}
  }
}
