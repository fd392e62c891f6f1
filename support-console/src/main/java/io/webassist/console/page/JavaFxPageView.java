package io.webassist.console.page;

import io.webassist.cobrowse.PagePosition;
import io.webassist.cobrowse.PageState;
import io.webassist.protocol.frame.CobrowseClick;
import io.webassist.protocol.frame.CobrowseConsent;
import io.webassist.protocol.frame.CobrowseHighlight;
import io.webassist.protocol.frame.CobrowseInput;
import io.webassist.protocol.frame.CobrowseNavigate;
import io.webassist.protocol.frame.CobrowsePointer;
import io.webassist.protocol.frame.CobrowseRefused;
import io.webassist.protocol.frame.CobrowseScroll;
import io.webassist.protocol.frame.CobrowseSnapshot;
import io.webassist.protocol.frame.SessionEnd;
import io.webassist.protocol.frame.SessionEvent;
import java.awt.BorderLayout;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.embed.swing.JFXPanel;
import javafx.scene.Scene;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import javax.swing.BorderFactory;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import netscape.javascript.JSObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real page view: a JavaFX {@link WebView} in a {@link JFXPanel} that loads and renders the user's
 * page (claims 88, 89, 99, 100, 112), reports what the agent does in it (claims 92, 93, 103, 104) and
 * draws what the user does (claims 94, 105), with the session tab's one address bar, "Follow the user"
 * switch and highlight tool, and a consent banner above it.
 *
 * <p>Threads: the Swing parts and every {@link PageView} method on the EDT; the engine and everything
 * in the page on the JavaFX thread (fields marked FX); the two talk only through
 * {@code Platform.runLater} and {@link EdtHop#later}. Nothing blocks either thread.
 *
 * <p>The page never navigates by itself: a link, a form or a script that would leave the page is
 * stopped and reported as {@link Listener#navigated}; the console applies the URL policy and calls
 * {@link #load} when the URL may be opened, or passes a {@link CobrowseRefused} to
 * {@link #showUserEvent}, which shows the refusal, when it may not. So a refused URL is never loaded.
 *
 * <p>{@code agent-page.js} is read once and run in each loaded page; data goes in only as arguments
 * of its functions and events come out through {@link PageBridge}, held here strongly.
 */
public final class JavaFxPageView implements PageView {

  private static final Logger LOG = LoggerFactory.getLogger(JavaFxPageView.class);
  private static final String SCRIPT = PageScript.text();
  private static final String POINTER_LABEL = "User";
  private static final Color ALLOWED = new Color(0x2b8a3e);
  private static final Color NOT_ALLOWED = new Color(0xe67700);
  private static final Listener NO_LISTENER = new Listener() {
    @Override
    public void navigated(String url) {}

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
  };

  // ------------------------------------------------------------ Swing side: EDT only
  private final JPanel root = new JPanel(new BorderLayout());
  private final JTextField address = new JTextField();
  private final JCheckBox follow = new JCheckBox("Follow the user", true);
  private final JToggleButton highlightButton = new JToggleButton("Highlight");
  private final JLabel consentBanner = new JLabel();
  private final JLabel message = new JLabel(" ");
  private final JFXPanel fxPanel;
  private Listener listener = NO_LISTENER;
  private String shownUrl;
  private boolean disposed;

  // ------------------------------------------------------------ page side: FX thread only
  private final PageBridge bridge = new PageBridge(new BridgeSink());
  private WebEngine engine;
  private JSObject page;
  private String requestedUrl;
  private boolean followUser = true;
  private boolean highlightTool;
  private PagePosition userPointer;
  private PagePosition userScroll;
  private PageState.Highlight highlight;
  private final Map<String, String> userFields = new LinkedHashMap<>();

  /**
   * Builds the view; on the EDT. Starts the JavaFX toolkit on first use.
   *
   * @throws RuntimeException or {@link LinkageError} when JavaFX cannot start ({@link PageViews#create} falls back)
   */
  JavaFxPageView() {
    EdtHop.assertOnEdt();
    fxPanel = new JFXPanel();
    Platform.setImplicitExit(false); // closing one session's tab must not stop the toolkit for the others
    Platform.runLater(this::createScene);
    buildSwing();
  }

  /** Starts the toolkit and WebKit without a view (see {@link PageViews#prepare}); on the EDT. */
  static void prepareEngine(java.util.function.Consumer<String> done) {
    new JFXPanel(); // starts the toolkit
    Platform.setImplicitExit(false);
    Platform.runLater(() -> {
      WebView warm = new WebView(); // loads WebKit's native library, the slow part of a first page
      String agent = warm.getEngine().getUserAgent();
      String version = System.getProperty("javafx.runtime.version", "?");
      EdtHop.later(() -> done.accept("ready javafx=" + version + " engine=" + agent));
    });
  }

  private void buildSwing() {
    address.setName("pageAddress");
    address.setToolTipText("The shared page. Type an address and press Enter to lead the user there.");
    address.addActionListener(e -> addressTyped());
    JLabel addressLabel = new JLabel("Page");
    addressLabel.setLabelFor(address);
    addressLabel.setDisplayedMnemonic('P');
    follow.setName("followUser");
    follow.setMnemonic('F');
    follow.setToolTipText("Scroll along with the user");
    follow.addItemListener(e -> followChanged(follow.isSelected()));
    highlightButton.setName("highlightTool");
    highlightButton.setMnemonic('H');
    highlightButton.setToolTipText("Your next click in the page highlights an element for the user");
    highlightButton.addItemListener(e -> highlightChanged(highlightButton.isSelected()));
    JPanel tools = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.TRAILING, 6, 0));
    tools.add(follow);
    tools.add(highlightButton);
    JPanel bar = new JPanel(new BorderLayout(6, 0));
    bar.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
    bar.add(addressLabel, BorderLayout.WEST);
    bar.add(address, BorderLayout.CENTER);
    bar.add(tools, BorderLayout.EAST);

    consentBanner.setName("consentBanner");
    consentBanner.setOpaque(true);
    consentBanner.setForeground(Color.WHITE);
    consentBanner.setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
    showConsent(false, "Co-browsing not allowed yet: the user does not see your pointer.");
    message.setName("pageMessage");
    message.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));

    JPanel north = new JPanel(new BorderLayout());
    north.add(bar, BorderLayout.NORTH);
    north.add(consentBanner, BorderLayout.CENTER);
    north.add(message, BorderLayout.SOUTH);
    root.add(north, BorderLayout.NORTH);
    root.add(fxPanel, BorderLayout.CENTER);
    root.setName("pageView");
  }

  // ------------------------------------------------------------ PageView (EDT)

  @Override
  public JComponent component() {
    return root;
  }

  @Override
  public void load(String url) {
    EdtHop.assertOnEdt();
    if (disposed || url == null || url.isBlank()) {
      return;
    }
    shownUrl = url;
    address.setText(url);
    address.setCaretPosition(0); // the start of the address (scheme, host) in view
    message.setText("Opening " + url + " …");
    onFx(() -> {
      userPointer = null;
      userScroll = null;
      highlight = null;
      userFields.clear();
      page = null;
      requestedUrl = url;
      engine.load(url);
    });
  }

  @Override
  public void showUserEvent(SessionEvent event) {
    EdtHop.assertOnEdt();
    if (disposed) {
      return;
    }
    if (event instanceof CobrowsePointer p) {
      PagePosition at = new PagePosition(p.x(), p.y(), p.selector(), p.offsetX(), p.offsetY());
      onFx(() -> {
        userPointer = at;
        drawUserPointer();
      });
    } else if (event instanceof CobrowseClick c) {
      PagePosition at = new PagePosition(c.x(), c.y(), c.target(), c.offsetX(), c.offsetY());
      onFx(() -> drawClick(at));
    } else if (event instanceof CobrowseScroll s) {
      PagePosition at = new PagePosition(s.x(), s.y(), s.selector(), s.offsetX(), s.offsetY());
      onFx(() -> {
        userScroll = at;
        applyUserScroll();
      });
    } else if (event instanceof CobrowseInput i) {
      onFx(() -> {
        userFields.put(i.field(), i.value());
        setField(i.field(), i.value());
      });
    } else if (event instanceof CobrowseNavigate n) {
      load(n.url());
    } else if (event instanceof CobrowseConsent c) {
      consentChanged(c.allowed());
    } else if (event instanceof CobrowseSnapshot s) {
      showSnapshot(s);
    } else if (event instanceof CobrowseHighlight h) {
      boolean clear = (h.selector() == null || h.selector().isEmpty()) && h.width() == 0 && h.height() == 0;
      PageState.Highlight next = clear ? null : new PageState.Highlight(h.selector(), h.x(), h.y(), h.width(), h.height());
      onFx(() -> {
        highlight = next;
        drawHighlight();
      });
    } else if (event instanceof CobrowseRefused r) {
      message.setText("Not opened" + (r.url() == null ? "" : ": " + r.url()) + " — " + r.reason());
      address.setText(shownUrl == null ? "" : shownUrl);
      address.setCaretPosition(0); // the start of the address (scheme, host) in view
    } else if (event instanceof SessionEnd) {
      message.setText("The session ended.");
    }
  }

  @Override
  public void setFollowUser(boolean on) {
    EdtHop.assertOnEdt();
    follow.setSelected(on); // the item listener passes it on
  }

  @Override
  public boolean followsUser() {
    EdtHop.assertOnEdt();
    return follow.isSelected();
  }

  @Override
  public void setHighlightTool(boolean on) {
    EdtHop.assertOnEdt();
    highlightButton.setSelected(on); // the item listener passes it on
  }

  @Override
  public boolean highlightTool() {
    EdtHop.assertOnEdt();
    return highlightButton.isSelected();
  }

  @Override
  public void setListener(Listener next) {
    EdtHop.assertOnEdt();
    listener = next == null ? NO_LISTENER : next;
  }

  @Override
  public void dispose() {
    EdtHop.assertOnEdt();
    if (disposed) {
      return;
    }
    disposed = true;
    listener = NO_LISTENER;
    bridge.detach();
    onFx(() -> {
      page = null;
      if (engine != null) {
        engine.load(null);
      }
      fxPanel.setScene(null);
    });
  }

  // ------------------------------------------------------------ Swing handlers (EDT)

  private void addressTyped() {
    String url = TypedAddress.toUrl(address.getText(), shownUrl);
    if (url != null) {
      listener.navigated(url);
    }
  }

  private void followChanged(boolean on) {
    onFx(() -> {
      followUser = on;
      applyUserScroll();
    });
  }

  private void highlightChanged(boolean on) {
    onFx(() -> {
      highlightTool = on;
      call("setHighlightTool", on);
    });
  }

  private void consentChanged(boolean allowed) {
    if (allowed) {
      showConsent(true, "Co-browsing allowed: the user's page follows you where their help tab is connected.");
    } else {
      showConsent(false, "The user does not allow co-browsing: they do not see your pointer.");
      onFx(() -> {
        userPointer = null;
        call("hidePointer");
      });
    }
  }

  private void showConsent(boolean allowed, String text) {
    consentBanner.setText(text);
    // the whole story where the line is cut short: allowing is no proof that the person's tab follows
    consentBanner.setToolTipText(allowed ? "<html>The user allowed co-browsing. Where their page's help tab is "
        + "connected (its badge shows),<br>it follows your links, scrolling and highlights and shows your pointer; "
        + "otherwise<br>your links reach them in their help window, to open themselves.</html>" : text);
    consentBanner.setBackground(allowed ? ALLOWED : NOT_ALLOWED);
  }

  private void showSnapshot(CobrowseSnapshot snapshot) {
    consentChanged(snapshot.consent());
    if (snapshot.url() != null && !snapshot.url().equals(shownUrl)) {
      load(snapshot.url());
    }
    Map<String, String> fields = Map.copyOf(snapshot.fields());
    PagePosition scroll = PagePosition.pixels(snapshot.scrollX(), snapshot.scrollY());
    onFx(() -> {
      userFields.clear();
      userFields.putAll(fields);
      fields.forEach(this::setField);
      userScroll = scroll;
      applyUserScroll();
    });
  }

  private void toListener(java.util.function.Consumer<Listener> call) {
    EdtHop.later(() -> {
      if (!disposed) {
        call.accept(listener);
      }
    });
  }

  // ------------------------------------------------------------ page side (FX thread)

  private void createScene() {
    WebView view = new WebView();
    view.setContextMenuEnabled(false); // "Reload" and "Open in new window" would leave the console's control
    engine = view.getEngine();
    engine.getLoadWorker().stateProperty().addListener((obs, old, state) -> loadStateChanged(state));
    fxPanel.setScene(new Scene(view));
  }

  private void loadStateChanged(Worker.State state) {
    switch (state) {
      case SCHEDULED -> loadStarted();
      case SUCCEEDED -> {
        requestedUrl = null;
        pageLoaded();
      }
      case FAILED -> {
        requestedUrl = null;
        Throwable error = engine.getLoadWorker().getException();
        String url = requestedOrLocation();
        String reason = error == null || error.getMessage() == null ? "the page could not be loaded" : error.getMessage();
        LOG.info("page load failed url={} reason={}", url, reason);
        EdtHop.later(() -> message.setText("Could not open " + url + ": " + reason));
        toListener(l -> l.loadFailed(url, reason));
      }
      default -> { }
    }
  }

  /**
   * A load begins: ours (from {@link #load}, until it finished; WebKit may start it more than once)
   * goes on; one the page started by itself, to another address, is stopped and reported.
   */
  private void loadStarted() {
    String target = engine.getLocation();
    if (requestedUrl != null && (target == null || withoutFragment(target).equals(withoutFragment(requestedUrl)))) {
      return;
    }
    Platform.runLater(() -> engine.getLoadWorker().cancel());
    if (target != null && !target.isBlank() && !target.equals("about:blank")) {
      LOG.debug("page navigation stopped for the console url={}", target);
      toListener(l -> l.navigated(target));
    }
  }

  /** The document's own title, even where the engine's title event came late; "" without one. */
  private String documentTitle() {
    try {
      if (engine.executeScript("document.title") instanceof String title) {
        return title;
      }
    } catch (RuntimeException e) {
      LOG.debug("no document title reason={}", e.toString());
    }
    return engine.getTitle() == null ? "" : engine.getTitle();
  }

  private static String withoutFragment(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  private String requestedOrLocation() {
    String location = engine.getLocation();
    return location == null ? "" : location;
  }

  private void pageLoaded() {
    String url = engine.getLocation();
    String title = documentTitle();
    try {
      Object api = engine.executeScript(SCRIPT);
      page = api instanceof JSObject js ? js : null;
      if (page != null) {
        page.call("attach", bridge);
        redraw();
      }
    } catch (RuntimeException e) {
      page = null; // a document that is not a web page (an image, a PDF): shown, nothing drawn on it
      LOG.debug("page script not attached url={} reason={}", url, e.toString());
    }
    EdtHop.later(() -> {
      if (!disposed) {
        shownUrl = url;
        address.setText(url);
        address.setCaretPosition(0); // the start of the address (scheme, host) in view
        message.setText(" ");
        listener.loaded(url, title);
      }
    });
  }

  /** Everything of the user's known so far, drawn on the page just loaded. */
  private void redraw() {
    call("setHighlightTool", highlightTool);
    userFields.forEach(this::setField);
    drawUserPointer();
    drawHighlight();
    applyUserScroll();
  }

  private void drawUserPointer() {
    if (userPointer == null || page == null) {
      return;
    }
    PageState.Point at = userPointer.resolve(this::boxOf);
    call("drawPointer", at.x(), at.y(), POINTER_LABEL);
  }

  private void drawClick(PagePosition click) {
    if (page == null) {
      return;
    }
    PageState.Point at = click.resolve(this::boxOf);
    call("drawClick", at.x(), at.y());
  }

  private void applyUserScroll() {
    if (userScroll == null || page == null) {
      return;
    }
    PageState.Point at = userScroll.resolve(this::boxOf);
    call("markUserView", at.y());
    if (followUser) {
      call("scrollToPoint", at.x(), at.y());
    }
  }

  private void setField(String field, String value) {
    call("setField", field, value);
  }

  private void drawHighlight() {
    if (highlight == null) {
      call("drawHighlight", 0, 0, 0, 0);
      return;
    }
    PagePosition.Rect box = highlight.selector() == null ? null : boxOf(highlight.selector()).orElse(null);
    if (box == null) {
      box = new PagePosition.Rect(highlight.x(), highlight.y(), highlight.width(), highlight.height());
    }
    call("drawHighlight", box.x(), box.y(), box.width(), box.height());
  }

  /** The local box of the element {@code selector} names, as the page lays it out now. */
  private Optional<PagePosition.Rect> boxOf(String selector) {
    Object box = call("boxOf", selector);
    if (!(box instanceof JSObject values)) {
      return Optional.empty();
    }
    return Optional.of(new PagePosition.Rect(number(values.getSlot(0)), number(values.getSlot(1)),
        number(values.getSlot(2)), number(values.getSlot(3))));
  }

  private static int number(Object value) {
    return value instanceof Number n ? (int) Math.round(n.doubleValue()) : 0;
  }

  /** Calls a function of the page script with arguments; nothing when no page is attached. */
  private Object call(String function, Object... args) {
    if (page == null) {
      return null;
    }
    try {
      return page.call(function, args);
    } catch (RuntimeException e) {
      LOG.debug("page script call failed function={} reason={}", function, e.toString());
      return null;
    }
  }

  private void onFx(Runnable task) {
    Platform.runLater(task);
  }

  /** For tests: the panel the page is drawn in. */
  JFXPanel fxPanel() {
    return fxPanel;
  }

  /** For tests: runs {@code task} with the engine on the FX thread. */
  <T> CompletableFuture<T> withEngine(Function<WebEngine, T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(task.apply(engine));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** The page script's calls, on the FX thread, handed to the console's listener on the EDT. */
  private final class BridgeSink implements PageBridge.Sink {
    @Override
    public void navigate(String url) {
      toListener(l -> l.navigated(url));
    }

    @Override
    public void scrolled(PagePosition at) {
      toListener(l -> l.scrolled(at.x(), at.y(), at.selector(), at.offsetX(), at.offsetY()));
    }

    @Override
    public void pointer(PagePosition at) {
      toListener(l -> l.pointerMoved(at.x(), at.y(), at.selector(), at.offsetX(), at.offsetY()));
    }

    @Override
    public void highlighted(String selector, PagePosition.Rect box) {
      highlight = new PageState.Highlight(selector, box.x(), box.y(), box.width(), box.height());
      toListener(l -> l.highlighted(selector, box.x(), box.y(), box.width(), box.height()));
    }
  }
}
