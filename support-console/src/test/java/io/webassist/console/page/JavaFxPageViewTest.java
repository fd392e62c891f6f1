package io.webassist.console.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webassist.console.testing.DisplayGuard;
import io.webassist.dispatch.DispatchServer;
import io.webassist.dispatch.config.ServerConfig;
import io.webassist.dispatch.config.TlsConfig;
import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.SessionEvent;
import java.awt.Dimension;
import java.awt.Point;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.MouseButton;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's page view for real, under Xvfb: a JavaFX WebView in a JFXPanel loads the demo shop from
 * a dispatch server started here (claims 88, 89, 99, 100, 112); the agent's link following, typed
 * addresses, scrolling, pointer and highlight tool become listener calls with element selectors (claims
 * 92, 93, 103, 104), driven by the mouse through AssertJ Swing's robot; the user's pointer, clicks,
 * input and scrolling are drawn on the page (claims 94, 105), asserted by reading the document through
 * the engine.
 */
@ExtendWith(DisplayGuard.class) // no display: fails where CI=true, skipped (saying why) elsewhere
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JavaFxPageViewTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String CART_TITLE = "Your cart — Acme Garden Supplies";
  private static final String VOUCHER = "input[name=\"voucher\"]";
  private static final String OVERLAY = "document.getElementById('webassist-agent-view').shadowRoot";

  private static DispatchServer server;
  private static String site;

  private FrameFixture window;
  private JavaFxPageView view;
  private final Recorder calls = new Recorder();

  @BeforeAll
  static void startServer() throws Exception {
    server = DispatchServer.start(ServerConfig.defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0)
        .withTls(TlsConfig.disabled()));
    site = "http://127.0.0.1:" + server.httpPort();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openWindow() {
    JFrame frame = GuiActionRunner.execute(() -> {
      PageView created = PageViews.create();
      assertThat(created).as("JavaFX starts here (libgtk-3-0 installed)").isInstanceOf(JavaFxPageView.class);
      view = (JavaFxPageView) created;
      view.setListener(calls);
      JFrame f = new JFrame("page view test");
      f.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
      f.add(view.component());
      return f;
    });
    window = new FrameFixture(frame);
    // short on purpose: the cart page must be taller than the view so that it scrolls
    window.show(new Dimension(900, 330));
  }

  @AfterEach
  void closeWindow() {
    if (view != null) {
      GuiActionRunner.execute(() -> view.dispose());
    }
    if (window != null) {
      window.cleanUp();
    }
  }

  @Test
  void loadsTheDemoPageFromTheDispatchServerAndRendersItsDocument() {
    String url = load("/shop/cart.html");

    assertThat(calls.loaded).contains(List.of(url, CART_TITLE));
    assertThat(js("document.querySelector('main h2').textContent")).isEqualTo("Your cart");
    assertThat(js("document.querySelectorAll('table tr').length")).isEqualTo(3);
    window.textBox("pageAddress").requireText(url);
    assertThat(calls.onEdt).containsOnly(true);
  }

  @Test
  void aLinkTheAgentClicksIsReportedForThePolicyAndNotFollowedByItself() {
    load("/");

    click(screenPoint("document.querySelector('a[href=\"/shop/cart.html\"]')"));

    await().atMost(WAIT).until(() -> calls.navigated.contains(site + "/shop/cart.html"));
    assertThat(js("document.title")).isEqualTo("Welcome — Acme Garden Supplies");
    assertThat(calls.loaded).noneMatch(page -> page.get(0).endsWith("/shop/cart.html"));

    // the console allowed it: now it loads
    GuiActionRunner.execute(() -> view.load(site + "/shop/cart.html"));
    await().atMost(WAIT).until(() -> CART_TITLE.equals(js("document.title")));
  }

  @Test
  void aPageThatLeavesByItselfIsStoppedAndReportedAndTheOldPageStays() {
    load("/shop/cart.html");

    js("window.location.href = '/shop/premium.html'");

    await().atMost(WAIT).until(() -> calls.navigated.contains(site + "/shop/premium.html"));
    assertThat(js("document.title")).isEqualTo(CART_TITLE);
    assertThat(calls.loaded).noneMatch(page -> page.get(0).endsWith("/shop/premium.html"));
  }

  @Test
  void anAddressTypedInTheBarIsReportedWithTheSchemeOfTheSharedPage() {
    load("/shop/cart.html");

    window.textBox("pageAddress").deleteText().enterText("127.0.0.1:" + server.httpPort() + "/shop/premium.html\n");

    await().atMost(WAIT).until(() -> calls.navigated.contains(site + "/shop/premium.html"));
  }

  @Test
  void theAgentsScrollIsReportedWithTheElementAtTheTopAndTheOffsetIntoIt() {
    load("/shop/cart.html");

    window.robot().moveMouse(view.fxPanel());
    window.robot().rotateMouseWheel(view.fxPanel(), 3);

    // the wheel scrolls smoothly; reports are throttled, the last one says where the view came to rest
    await().atMost(WAIT).until(() -> !calls.scrolls.isEmpty() && calls.scrolls.get(calls.scrolls.size() - 1).y() > 0
        && calls.scrolls.get(calls.scrolls.size() - 1).y() == number("window.pageYOffset"));
    Pos scroll = calls.scrolls.get(calls.scrolls.size() - 1);
    assertThat(scroll.selector()).isNotBlank();
    // the selector names an element of this page, and element top + offset is the scroll position
    assertThat(boxTop(scroll.selector()) + scroll.offsetY()).isEqualTo(scroll.y());
  }

  @Test
  void theAgentsPointerIsReportedWithTheElementUnderItAndTheOffsetInsideIt() {
    load("/shop/cart.html");
    inView(VOUCHER);
    int[] voucher = viewportBox(VOUCHER);
    Point panel = panelOnScreen();

    window.robot().moveMouse(new Point(panel.x + voucher[0] + 5, panel.y + voucher[1] + 6));
    window.robot().moveMouse(new Point(panel.x + voucher[0] + 12, panel.y + voucher[1] + 7));

    await().atMost(WAIT).untilAsserted(() -> assertThat(calls.pointers).anyMatch(p -> p.offsetX() == 12 && p.offsetY() == 7));
    Pos pointer = calls.pointers.stream().filter(p -> p.offsetX() == 12).findFirst().orElseThrow();
    assertThat(sameElement(pointer.selector(), VOUCHER)).as("selector %s names the voucher field", pointer.selector())
        .isTrue();
  }

  @Test
  void theHighlightToolPicksTheClickedElementAndTheClickNeverReachesThePage() {
    load("/shop/cart.html");
    js("window.testClicks = 0; document.addEventListener('click', function () { window.testClicks++; })");
    GuiActionRunner.execute(() -> view.setHighlightTool(true));
    inView(VOUCHER);
    int[] voucher = viewportBox(VOUCHER);
    Point panel = panelOnScreen();
    Point onVoucher = new Point(panel.x + voucher[0] + 10, panel.y + voucher[1] + 5);

    click(onVoucher);

    await().atMost(WAIT).untilAsserted(() -> assertThat(calls.highlights).as("pointers %s tool %s", calls.pointers,
        js("document.documentElement.style.cursor")).isNotEmpty());
    Highlight picked = calls.highlights.get(0);
    assertThat(sameElement(picked.selector(), VOUCHER)).as("picked %s", picked.selector()).isTrue();
    int scrollY = number("window.pageYOffset");
    assertThat(List.of(picked.x(), picked.y() - scrollY, picked.width(), picked.height()))
        .containsExactly(voucher[0], voucher[1], voucher[2], voucher[3]);
    assertThat(js("window.testClicks")).isEqualTo(0);
    assertThat(js("document.activeElement === document.querySelector('input[name=\"voucher\"]')")).isEqualTo(false);
    assertThat(js(OVERLAY + ".querySelector('.highlight').style.width")).isEqualTo(voucher[2] + "px");

    // with the tool off the same click is the page's again (so the counter above could have counted)
    GuiActionRunner.execute(() -> view.setHighlightTool(false));
    await().atMost(WAIT).until(() -> "".equals(js("document.documentElement.style.cursor")));
    click(onVoucher);
    await().atMost(WAIT).until(() -> Integer.valueOf(1).equals(js("window.testClicks")));
  }

  @Test
  void theUsersPointerAndClickAreDrawnAtTheirElementOrAtThePixelsWithoutOne() {
    load("/shop/cart.html");
    int[] voucher = pageBox(VOUCHER);

    show(new CobrowsePointer(1, 0, 3, 4, VOUCHER, 10, 8));
    await().atMost(WAIT).until(() -> (voucher[0] + 10 + "px").equals(js(OVERLAY + ".querySelector('.user-pointer').style.left")));
    assertThat(js(OVERLAY + ".querySelector('.user-pointer').style.top")).isEqualTo(voucher[1] + 8 + "px");
    assertThat(js(OVERLAY + ".querySelector('.user-pointer .label').textContent")).isEqualTo("User");

    show(new CobrowseClick(2, 0, 3, 4, VOUCHER, 4, 5));
    await().atMost(WAIT).until(() -> (voucher[0] + 4 + "px").equals(js(OVERLAY + ".querySelector('.ripple').style.left")));
    assertThat(js(OVERLAY + ".querySelector('.ripple').style.top")).isEqualTo(voucher[1] + 5 + "px");

    show(new CobrowsePointer(3, 0, 33, 44, "#no-such-element", 10, 8));
    await().atMost(WAIT).until(() -> "33px".equals(js(OVERLAY + ".querySelector('.user-pointer').style.left")));
    assertThat(js(OVERLAY + ".querySelector('.user-pointer').style.top")).isEqualTo("44px");
  }

  @Test
  void theUsersInputAppearsInTheFieldAndAMaskedFieldShowsOnlyDots() {
    load("/shop/cart.html");

    show(new CobrowseInput(1, 0, "voucher", "SPRING24"));
    show(new CobrowseInput(2, 0, "password", "never-shown"));

    await().atMost(WAIT).until(() -> "SPRING24".equals(js("document.querySelector('input[name=\"voucher\"]').value")));
    await().atMost(WAIT).until(() -> "•••".equals(js("document.querySelector('input[name=\"password\"]').value")));
  }

  @Test
  void theUsersScrollMovesTheViewOnlyWhileFollowingAndIsNotSentBack() {
    load("/shop/cart.html");
    int tableTop = boxTop("table");

    show(new CobrowseScroll(1, 0, 0, 999, "table", 0, 20));
    await().atMost(WAIT).until(() -> number("window.pageYOffset") > 0);
    int followed = number("window.pageYOffset");
    assertThat(followed).isEqualTo(Math.min(tableTop + 20, number("document.documentElement.scrollHeight - window.innerHeight")));
    assertThat(js(OVERLAY + ".querySelector('.user-view').style.top")).isEqualTo(tableTop + 20 + "px");

    window.checkBox("followUser").uncheck();
    show(new CobrowseScroll(2, 0, 0, 0, "h1", 0, 0));
    await().atMost(WAIT).until(() -> (boxTop("h1") + "px").equals(js(OVERLAY + ".querySelector('.user-view').style.top")));
    assertThat(number("window.pageYOffset")).isEqualTo(followed);
    // the view moved because the user did, not the agent: nothing went back
    assertThat(calls.scrolls).isEmpty();
  }

  @Test
  void theConsentAndARefusedAddressAreShownAboveThePage() {
    load("/shop/cart.html");
    window.label("consentBanner").requireText(java.util.regex.Pattern.compile("Co-browsing not allowed yet.*"));

    show(new CobrowseConsent(1, 0, true));
    window.label("consentBanner").requireText("Co-browsing allowed: the user's page follows you where their help tab is connected.");

    window.textBox("pageAddress").deleteText().enterText("https://elsewhere.example/\n");
    show(new CobrowseRefused(2, 0, "https://elsewhere.example/", "host elsewhere.example is not allowed"));
    window.label("pageMessage").requireText(java.util.regex.Pattern.compile(".*elsewhere.example.*not allowed.*"));
    window.textBox("pageAddress").requireText(site + "/shop/cart.html");
    assertThat(js("document.title")).isEqualTo(CART_TITLE);
  }

  // ------------------------------------------------------------------ helpers

  private String load(String path) {
    String url = site + path;
    int before = calls.loaded.size();
    GuiActionRunner.execute(() -> view.load(url));
    await("page " + path + " loaded").atMost(WAIT).until(() -> calls.loaded.size() > before);
    assertThat(calls.loaded.get(calls.loaded.size() - 1).get(0)).isEqualTo(url);
    return url;
  }

  private void show(SessionEvent event) {
    GuiActionRunner.execute(() -> view.showUserEvent(event));
  }

  private Object js(String script) {
    try {
      return view.withEngine(engine -> engine.executeScript(script)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("script failed: " + script, e);
    }
  }

  private int number(String script) {
    return ((Number) js(script)).intValue();
  }

  private int[] box(String script) {
    String joined = (String) js("(function () { var r = " + script + "; return [Math.round(r.left), "
        + "Math.round(r.top), Math.round(r.width), Math.round(r.height)].join(','); })()");
    return Arrays.stream(joined.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** Scrolls the element into the middle of the (short) view, so the mouse can reach it. */
  private void inView(String selector) {
    js("document.querySelector('" + selector.replace("'", "\\'") + "').scrollIntoView({block: 'center'})");
  }

  /** The element's box in the view's (viewport) pixels. */
  private int[] viewportBox(String selector) {
    return box("document.querySelector('" + selector.replace("'", "\\'") + "').getBoundingClientRect()");
  }

  /** The element's box in page pixels. */
  private int[] pageBox(String selector) {
    int[] r = viewportBox(selector);
    return new int[] {r[0] + number("window.pageXOffset"), r[1] + number("window.pageYOffset"), r[2], r[3]};
  }

  private int boxTop(String selector) {
    return pageBox(selector)[1];
  }

  private boolean sameElement(String selector, String expected) {
    return Boolean.TRUE.equals(js("document.querySelector('" + selector.replace("'", "\\'") + "') === document.querySelector('"
        + expected.replace("'", "\\'") + "')"));
  }

  private Point screenPoint(String elementScript) {
    int[] r = box(elementScript + ".getBoundingClientRect()");
    Point panel = panelOnScreen();
    return new Point(panel.x + r[0] + Math.max(1, r[2] / 2), panel.y + r[1] + Math.max(1, r[3] / 2));
  }

  private Point panelOnScreen() {
    return GuiActionRunner.execute(() -> view.fxPanel().getLocationOnScreen());
  }

  private void click(Point at) {
    window.robot().moveMouse(at);
    window.robot().click(at, MouseButton.LEFT_BUTTON, 1);
  }

  record Pos(int x, int y, String selector, int offsetX, int offsetY) {}

  record Highlight(String selector, int x, int y, int width, int height) {}

  /** Records the view's listener calls, and whether each came on the EDT. */
  static final class Recorder implements PageView.Listener {
    final List<String> navigated = new CopyOnWriteArrayList<>();
    final List<Pos> scrolls = new CopyOnWriteArrayList<>();
    final List<Pos> pointers = new CopyOnWriteArrayList<>();
    final List<Highlight> highlights = new CopyOnWriteArrayList<>();
    final List<List<String>> loaded = new CopyOnWriteArrayList<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    final List<Boolean> onEdt = new CopyOnWriteArrayList<>();

    private void edt() {
      onEdt.add(SwingUtilities.isEventDispatchThread());
    }

    @Override
    public void navigated(String url) {
      edt();
      navigated.add(url);
    }

    @Override
    public void scrolled(int x, int y, String selector, int offsetX, int offsetY) {
      edt();
      scrolls.add(new Pos(x, y, selector, offsetX, offsetY));
    }

    @Override
    public void pointerMoved(int x, int y, String selector, int offsetX, int offsetY) {
      edt();
      pointers.add(new Pos(x, y, selector, offsetX, offsetY));
    }

    @Override
    public void highlighted(String selector, int x, int y, int width, int height) {
      edt();
      highlights.add(new Highlight(selector, x, y, width, height));
    }

    @Override
    public void loaded(String url, String title) {
      edt();
      loaded.add(List.of(url, title));
    }

    @Override
    public void loadFailed(String url, String reason) {
      edt();
      failed.add(url + " " + reason);
    }
  }
}
