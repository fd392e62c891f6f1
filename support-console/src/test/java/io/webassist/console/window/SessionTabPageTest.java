package io.webassist.console.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.console.page.PageView;
import io.webassist.console.page.PageViews;
import io.webassist.console.testing.TestUser;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.swing.core.KeyPressInfo;
import org.assertj.swing.core.NameMatcher;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;

/**
 * A session tab with the real page view (JavaFX under Xvfb) against a real dispatch server serving the
 * demo shop: the tab has one address bar and one "Follow the user" switch — the page view's — and from
 * them the agent sees the shared URL, leads the user by typing an address (a refused one is shown and
 * never loaded) and follows the user or not (claims 92, 93, 103, 104).
 */
class SessionTabPageTest extends UiTestBase {
  // AssertJ Swing's KeyPressInfo takes the old modifier masks
  @SuppressWarnings("deprecation")
  private static final int CTRL = java.awt.event.InputEvent.CTRL_MASK;
  @SuppressWarnings("deprecation")
  private static final int SHIFT = java.awt.event.InputEvent.SHIFT_MASK;
  private static final Duration PAGE = Duration.ofSeconds(30);

  private final List<PageView> views = new CopyOnWriteArrayList<>();

  @Override
  PageView newPageView() {
    PageView view = PageViews.create();
    views.add(view);
    return view;
  }

  @Test
  void theTabHasOneAddressBarAndOneFollowSwitchAndTheyShowLeadAndFollow() {
    FrameFixture window = logIn("bob");
    String site = "http://127.0.0.1:" + server.server().httpPort();
    TestUser ada = TestUser.ask(server, "Ada", null, "acme-42", site + "/shop/cart.html");
    users.add(ada);
    acceptAndLink(window, "Ada", ada);
    assertThat(views).singleElement().extracting(v -> v.getClass().getSimpleName())
        .as("JavaFX starts here (libgtk-3-0 installed)").isEqualTo("JavaFxPageView");

    for (String name : List.of("pageAddress", "followUser", "highlightTool")) {
      assertThat(GuiActionRunner.execute(() -> robot.finder().findAll(window.target(), new NameMatcher(name))))
          .as("components named %s in the session tab", name).hasSize(1);
    }
    // the shared URL, once the real page has loaded
    await().atMost(PAGE).untilAsserted(() -> {
      window.textBox("pageAddress").requireText(site + "/shop/cart.html");
      window.label("pageMessage").requireText(" ");
    });

    ada.allowCobrowsing();
    await().untilAsserted(() -> assertThat(window.label("consentBanner").text()).startsWith("Co-browsing"));

    // a refused address: shown under the bar, the bar goes back to the shared page, the user stays
    window.textBox("pageAddress").deleteText().enterText("file:///etc/passwd\n");
    await().untilAsserted(() -> assertThat(window.label("pageMessage").text())
        .startsWith("Not opened: file:///etc/passwd — "));
    window.textBox("pageAddress").requireText(site + "/shop/cart.html");
    assertThat(ada.page().url()).isEqualTo(site + "/shop/cart.html");

    // an allowed one (no scheme: the shared page's) leads the user and opens on the agent's side
    window.textBox("pageAddress").deleteText().enterText("127.0.0.1:" + server.server().httpPort() + "/shop/premium.html\n");
    await().untilAsserted(() -> assertThat(ada.page().url()).isEqualTo(site + "/shop/premium.html"));
    await().atMost(PAGE).untilAsserted(() -> {
      window.textBox("pageAddress").requireText(site + "/shop/premium.html");
      window.label("pageMessage").requireText(" ");
    });

    // follow the user: the switch and Ctrl+Shift+F act on the same state
    window.checkBox("followUser").requireSelected().click();
    assertThat(GuiActionRunner.execute(() -> views.get(0).followsUser())).isFalse();
    window.textBox("chatInput").pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_F).modifiers(CTRL, SHIFT));
    await().untilAsserted(() -> window.checkBox("followUser").requireSelected());
    window.textBox("chatInput").pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_H).modifiers(CTRL, SHIFT));
    await().untilAsserted(() -> window.toggleButton("highlightTool").requireSelected());
  }
}
