package io.webassist.console.window;

import io.webassist.console.OfferText;
import io.webassist.console.model.Offer;
import io.webassist.protocol.frame.UserInfo;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridLayout;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

/**
 * One offer as a card that stands out (claims 75, 76, 95, 106): name, phone, IP, customer id with a
 * verified/unverified badge, page, group, time waited and a countdown to expiry, Accept and Decline.
 * A transfer shows who hands over and the note.
 */
final class OfferCard extends JPanel {
  private final Offer offer;
  private final JLabel waited = new JLabel();
  private final JLabel countdown = new JLabel();
  final JButton accept = new JButton("Accept");
  final JButton decline = new JButton("Decline");

  OfferCard(Offer offer, long now, Runnable onAccept, Runnable onDecline) {
    super(new BorderLayout(8, 4));
    this.offer = offer;
    setName("offer-" + offer.requestId());
    Color accent = UIManager.getColor("Component.accentColor");
    setBorder(BorderFactory.createCompoundBorder(
        BorderFactory.createMatteBorder(1, 6, 1, 1, accent == null ? new Color(0x2675BF) : accent),
        BorderFactory.createEmptyBorder(6, 8, 6, 8)));
    UserInfo user = offer.user();
    JPanel lines = new JPanel(new GridLayout(0, 1, 0, 2));
    lines.setOpaque(false);
    JLabel name = label("offerName", orDash(user.name()) + (offer.transfer() != null ? "  (handed over)" : ""));
    name.setFont(name.getFont().deriveFont(Font.BOLD, name.getFont().getSize2D() + 2f));
    lines.add(name);
    lines.add(label("offerPhone", "Phone " + orDash(user.phone())));
    lines.add(label("offerIp", "IP " + orDash(user.ip())));
    lines.add(label("offerCustomer", "Customer " + orDash(user.customerId()) + badge(offer.customerVerified())));
    lines.add(label("offerPage", "Page " + orDash(offer.pageUrl())));
    lines.add(label("offerGroup", "Group " + orDash(offer.group())));
    if (offer.transfer() != null) {
      String from = offer.transfer().fromDisplayName() != null ? offer.transfer().fromDisplayName()
          : offer.transfer().fromAgentId();
      lines.add(label("offerTransfer", "From " + from
          + (offer.transfer().note() == null ? "" : ": “" + offer.transfer().note() + "”")));
    }
    waited.setName("offerWaited");
    countdown.setName("offerCountdown");
    lines.add(waited);
    lines.add(countdown);
    add(lines, BorderLayout.CENTER);
    JPanel buttons = new JPanel(new GridLayout(1, 0, 6, 0));
    buttons.setOpaque(false);
    accept.setName("accept");
    decline.setName("decline");
    accept.putClientProperty("JButton.buttonType", "default");
    accept.setToolTipText("Accept (Ctrl+Shift+A for the oldest offer)");
    decline.setToolTipText("Decline (Ctrl+Shift+D for the oldest offer)");
    accept.addActionListener(e -> onAccept.run());
    decline.addActionListener(e -> onDecline.run());
    buttons.add(accept);
    buttons.add(decline);
    add(buttons, BorderLayout.SOUTH);
    tick(now);
  }

  Offer offer() {
    return offer;
  }

  /** Updates the time waited and the countdown. */
  void tick(long now) {
    waited.setText("Waiting " + OfferText.human(java.time.Duration.ofMillis(offer.waitedMs(now))));
    long left = offer.remainingMs(now);
    countdown.setText(left > 0 ? "Expires in " + (left + 999) / 1000 + " s" : "Expiring …");
  }

  private static String badge(Boolean verified) {
    if (verified == null) {
      return "";
    }
    return verified ? "  ✔ verified" : "  ⚠ unverified";
  }

  private static JLabel label(String name, String text) {
    JLabel label = new JLabel(text);
    label.setName(name);
    return label;
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }
}
