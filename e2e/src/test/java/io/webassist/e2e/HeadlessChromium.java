package io.webassist.e2e;

import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium driven by Selenium, headless, saving downloads to a folder of the test's. */
final class HeadlessChromium {

  private HeadlessChromium() {}

  /** Starts the browser; a missing {@code chromium} or {@code chromedriver} fails in CI and skips elsewhere. */
  static ChromeDriver start(Path downloads) {
    Path chromium = Needs.program("chromium", "Debian's chromium (apt-get install chromium)");
    Path chromedriver = Needs.program("chromedriver", "Debian's chromium-driver (apt-get install chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1200,900");
    // a .jnlp download finishes without a prompt only with the managed policy .ci/run installs
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
