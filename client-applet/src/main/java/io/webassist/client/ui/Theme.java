package io.webassist.client.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The window's look: FlatLaf, light or dark as the system is set where it can tell (Windows' "apps
 * use light theme", macOS' appearance, GNOME's colour scheme or a dark GTK theme), light otherwise.
 * FlatLaf also scales with the system's font size on high-DPI screens where the JDK does not.
 */
public final class Theme {

  /** What the person (or {@code --theme}) asked for. */
  public enum Choice { SYSTEM, LIGHT, DARK }

  /** The desktop's preference, asked once, off the start-up path (a desktop query can take most of a second). */
  private static volatile CompletableFuture<Boolean> systemDark;

  private Theme() {}

  /** Starts asking the desktop now, so that {@link #install} finds the answer ready; call first thing in main. */
  public static void prefetch() {
    if (systemDark == null) {
      systemDark = CompletableFuture.supplyAsync(Theme::systemPrefersDark);
    }
  }

  /** Installs FlatLaf; call on the EDT before the first component is made. */
  public static void install(Choice choice) {
    // the client's jar leaves FlatLaf's native libraries out (window decorations drawn by the system)
    if (System.getProperty("flatlaf.useNativeLibrary") == null) {
      System.setProperty("flatlaf.useNativeLibrary", "false");
    }
    boolean dark = choice == Choice.DARK || (choice == Choice.SYSTEM && askedSystemPrefersDark());
    if (dark) {
      FlatDarkLaf.setup();
    } else {
      FlatLightLaf.setup();
    }
  }

  private static boolean askedSystemPrefersDark() {
    prefetch();
    try {
      return systemDark.get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  /** Whether the desktop says it prefers dark; false when it cannot tell. */
  static boolean systemPrefersDark() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String out = run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
          "/v", "AppsUseLightTheme"));
      return out != null && out.matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0\\b.*");
    }
    if (os.contains("mac")) {
      String out = run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"));
      return out != null && out.trim().equalsIgnoreCase("dark");
    }
    String gtkTheme = System.getenv("GTK_THEME");
    if (gtkTheme != null) {
      return gtkTheme.toLowerCase(Locale.ROOT).contains("dark");
    }
    boolean desktopSession = System.getenv("XDG_CURRENT_DESKTOP") != null || System.getenv("DESKTOP_SESSION") != null;
    if (!desktopSession || !onPath("gsettings")) {
      return false;
    }
    String scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
    if (scheme != null && scheme.contains("prefer-dark")) {
      return true;
    }
    String theme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"));
    return theme != null && theme.toLowerCase(Locale.ROOT).contains("dark");
  }

  /** A short command's output, or null when it is missing, fails or takes longer than a second. */
  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      try (InputStream in = process.getInputStream()) {
        return process.exitValue() == 0 ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String folder : path.split(File.pathSeparator)) {
      if (!folder.isEmpty() && new File(folder, program).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
