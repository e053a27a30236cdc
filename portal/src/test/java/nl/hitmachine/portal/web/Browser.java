package nl.hitmachine.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by
 * Selenium with both paths given explicitly, so Selenium Manager never downloads a browser or a
 * driver. Missing packages skip the browser tests locally and fail them when {@code CI=true}.
 * Also runs axe-core (from npm, {@code portal/src/test/js}) on a page and writes screenshots.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("portal.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("portal.chromedriver", "/usr/bin/chromedriver"));
  static final Path AXE = Path.of(System.getProperty("portal.axe", "src/test/js/node_modules/axe-core/axe.min.js"));
  static final Path SCREENSHOTS = Path.of(System.getProperty("portal.screenshots", "target/screenshots"));

  final ChromeDriver driver;
  private final String axeSource;

  private Browser(ChromeDriver driver, String axeSource) {
    this.driver = driver;
    this.axeSource = axeSource;
  }

  static boolean ci() {
    return "true".equals(System.getenv("CI"));
  }

  /** Starts the browser, or skips (locally) / fails (CI) when the Debian packages are missing. */
  static Browser start() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      String message = "headless browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install chromium chromium-driver (.ci/run does this when CI=true)";
      if (ci()) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    String axe = null;
    if (Files.isRegularFile(AXE)) {
      axe = Files.readString(AXE);
    } else {
      String message = "axe-core is missing (" + AXE + "): run `npm ci` in portal/src/test/js (.ci/run does this when CI=true)";
      if (ci()) {
        throw new AssertionError(message);
      }
      System.err.println("PortalBrowserIT: " + message + "; accessibility checks are skipped");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // never Selenium Manager
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1000", "--lang=nl-NL", "--no-first-run", "--disable-extensions",
        "--disable-background-networking", "--disable-sync", "--disable-component-update");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
    Files.createDirectories(SCREENSHOTS);
    return new Browser(driver, axe);
  }

  /** Writes a screenshot of the current page as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and fails on serious or critical violations. */
  void assertAccessible(String page) {
    if (axeSource == null) {
      return;
    }
    JavascriptExecutor js = driver;
    js.executeScript(axeSource);
    Object result = js.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},"
            + " resultTypes: ['violations']})"
            + ".then(r => done(JSON.stringify(r.violations))).catch(e => done('ERROR ' + e));");
    assertThat(result.toString()).as("axe-core on " + page).doesNotStartWith("ERROR");
    JsonArray violations = new JsonArray(result.toString());
    List<String> serious = new ArrayList<>();
    for (Object o : violations) {
      JsonObject v = (JsonObject) o;
      String impact = v.getString("impact");
      if ("serious".equals(impact) || "critical".equals(impact)) {
        List<String> targets = new ArrayList<>();
        for (Object n : v.getJsonArray("nodes")) {
          targets.add(((JsonObject) n).getJsonArray("target").encode());
        }
        serious.add(impact + " " + v.getString("id") + ": " + v.getString("help") + " at " + targets);
      }
    }
    assertThat(serious).as("serious or critical accessibility violations on " + page).isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
