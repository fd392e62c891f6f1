package io.webassist.client.ui;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.BorderFactory;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * The assist client's window: one screen at a time (details, waiting, connected, ended) in a small
 * frame (about 380×560, scaled with the fonts on high-DPI screens), "Keep on top" underneath, and
 * closing it ends the session cleanly through {@link AssistController#close()}. Renders
 * {@link AssistWindowModel}; holds no state of its own beyond what the screens show.
 */
public final class AssistWindow {

  /** The window's size before scaling; small enough to sit beside the page. */
  public static final Dimension SIZE = new Dimension(380, 560);

  private final JFrame frame = new JFrame("WebAssist help");
  private final CardLayout cards = new CardLayout();
  private final JPanel screens = new JPanel(cards);
  private final AssistController controller;
  private final DetailsPanel details;
  // made when first shown: the details form is all a person sees at first, and it should be up fast
  private WaitingPanel waiting;
  private ConnectedPanel connected;
  private EndedPanel ended;
  private AssistWindowModel.Screen shown;

  public AssistWindow(AssistController controller) {
    Edt.check();
    this.controller = controller;
    frame.setName("assistWindow");
    frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
    details = new DetailsPanel(controller);
    screens.add(details, AssistWindowModel.Screen.DETAILS.name());

    JCheckBox keepOnTop = new JCheckBox("Keep this window on top");
    keepOnTop.setName("keepOnTop");
    keepOnTop.setMnemonic(KeyEvent.VK_K);
    keepOnTop.addActionListener(e -> frame.setAlwaysOnTop(keepOnTop.isSelected()));
    JPanel footer = new JPanel(new BorderLayout());
    footer.setBorder(BorderFactory.createEmptyBorder(0, 14, 8, 14));
    footer.add(Ui.muted(keepOnTop), BorderLayout.WEST);

    JPanel content = new JPanel(new BorderLayout());
    content.add(screens, BorderLayout.CENTER);
    content.add(footer, BorderLayout.SOUTH);
    frame.setContentPane(content);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        close();
      }

      @Override
      public void windowOpened(WindowEvent e) {
        focusFirst();
      }
    });
    // Escape leaves the details form as Cancel would; elsewhere it does nothing by surprise
    content.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "escape");
    content.getActionMap().put("escape", new javax.swing.AbstractAction() {
      @Override
      public void actionPerformed(java.awt.event.ActionEvent e) {
        if (controller.model().screen() == AssistWindowModel.Screen.DETAILS) {
          controller.cancel();
        }
      }
    });
    controller.model().addListener(new AssistWindowModel.Listener() {
      @Override
      public void changed(AssistWindowModel model) {
        render(model);
      }

      @Override
      public void chatAdded(AssistWindowModel.ChatLine line) {
        connected().append(line);
      }
    });
    render(controller.model());
    frame.setSize(scaled(SIZE));
    frame.setMinimumSize(scaled(new Dimension(320, 420)));
    frame.setLocationRelativeTo(null);
  }

  public JFrame frame() {
    return frame;
  }

  /** Shows the window with the keyboard in the first field. */
  public void show() {
    Edt.check();
    frame.setVisible(true);
    frame.toFront();
  }

  /** As the window's close box: ends the session cleanly, then the window goes. */
  public void close() {
    Edt.check();
    controller.close();
    frame.dispose();
  }

  private void render(AssistWindowModel model) {
    AssistWindowModel.Screen screen = model.screen();
    String card = screen == AssistWindowModel.Screen.CONNECTING ? AssistWindowModel.Screen.WAITING.name() : screen.name();
    switch (screen) {
      case DETAILS -> frame.getRootPane().setDefaultButton(details.defaultButton());
      case CONNECTING, WAITING -> {
        waiting().render(model);
        frame.getRootPane().setDefaultButton(null);
      }
      case CONNECTED -> {
        connected().render(model);
        frame.getRootPane().setDefaultButton(null); // Enter in the message field sends
      }
      case ENDED -> {
        ended().render(model);
        frame.getRootPane().setDefaultButton(ended().defaultButton());
      }
    }
    if (screen != shown) {
      boolean sameCard = shown != null && card.equals(cardOf(shown));
      shown = screen;
      if (!sameCard) {
        cards.show(screens, card);
        if (frame.isShowing()) {
          SwingUtilities.invokeLater(this::focusFirst);
        }
      }
    }
  }

  private WaitingPanel waiting() {
    if (waiting == null) {
      waiting = new WaitingPanel(controller);
      screens.add(waiting, AssistWindowModel.Screen.WAITING.name());
      screens.revalidate();
    }
    return waiting;
  }

  private ConnectedPanel connected() {
    if (connected == null) {
      connected = new ConnectedPanel(controller);
      screens.add(connected, AssistWindowModel.Screen.CONNECTED.name());
      screens.revalidate();
    }
    return connected;
  }

  private EndedPanel ended() {
    if (ended == null) {
      ended = new EndedPanel(controller, this::close);
      screens.add(ended, AssistWindowModel.Screen.ENDED.name());
      screens.revalidate();
    }
    return ended;
  }

  private static String cardOf(AssistWindowModel.Screen screen) {
    return screen == AssistWindowModel.Screen.CONNECTING ? AssistWindowModel.Screen.WAITING.name() : screen.name();
  }

  private void focusFirst() {
    switch (controller.model().screen()) {
      case DETAILS -> details.firstFocus().requestFocusInWindow();
      case CONNECTING, WAITING -> waiting().defaultButton().requestFocusInWindow();
      case CONNECTED -> connected().firstFocus().requestFocusInWindow();
      case ENDED -> ended().defaultButton().requestFocusInWindow();
    }
  }

  /** {@code size} in this screen's pixels: FlatLaf's scale factor where the JDK does not scale by itself. */
  private static Dimension scaled(Dimension size) {
    return new Dimension(com.formdev.flatlaf.util.UIScale.scale(size.width),
        com.formdev.flatlaf.util.UIScale.scale(size.height));
  }
}
