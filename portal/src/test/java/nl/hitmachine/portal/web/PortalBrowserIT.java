package nl.hitmachine.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.BsnLookup;
import nl.hitmachine.connector.BsnLookupResult;
import nl.hitmachine.connector.Household;
import nl.hitmachine.connector.HouseholdAnswer;
import nl.hitmachine.connector.LookupContext;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.portal.PortalTestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The portal in headless Chromium against the real hit-service with the demo city: the coordinator
 * signs in, uploads the demo's Top-150 screening list and sees the households and signals that the
 * SDK gets for the same list; the privacy officer opens the subject access report of a member and
 * finds that lookup. axe-core checks every page; screenshots go to {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {
  private static final String CASE_REF = "VH-2026-E2E1";
  @TempDir static Path dir;
  static PortalTestEnvironment env;
  static Browser browser;
  /** Every log record of this JVM (portal, SDK, hit-service) while the tests run: none may hold a BSN. */
  static final List<String> LOG = java.util.Collections.synchronizedList(new ArrayList<>());
  static final java.util.logging.Handler CAPTURE = new java.util.logging.Handler() {
    @Override
    public void publish(java.util.logging.LogRecord r) {
      LOG.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
          + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() throws IOException {
    browser = Browser.start(); // first: skips or fails before anything else starts when chromium is missing
    java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
    env = PortalTestEnvironment.start(dir);
  }

  @AfterAll
  static void stop() throws IOException {
    java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
    try {
      if (env != null) {
        String log = String.join("\n", LOG);
        assertThat(log).as("the capture works").contains("sign-in of a local user");
        for (List<Bsn> members : households().values()) {
          for (Bsn b : members) {
            assertThat(log).as("log lines").doesNotContain(b.digits());
          }
        }
      }
    } finally {
      if (browser != null) {
        browser.close();
      }
      if (env != null) {
        env.close();
      }
    }
  }

  private static WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  /** Clicks and waits until the next page replaced this one (form posts may take a while: PBKDF2, lookups). */
  private static void clickAndWait(String css) {
    WebElement html = find("html");
    find(css).click();
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(60))
        .until(d -> isGone(html));
  }

  /**
   * Whether the element no longer belongs to the page. ChromeDriver sometimes reports exactly that
   * as an "unknown error" ("Node with given id does not belong to the document") instead of a
   * stale element reference while the next page replaces this one.
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  private static void open(String path) {
    browser.driver.get(env.portalUrl(path));
  }

  private static void signIn(String username) throws IOException {
    open("/sign-in");
    find("#username").sendKeys(username);
    find("#password").sendKeys(env.password(username));
    clickAndWait("form[action='/sign-in'] button[type=submit]");
  }

  private static void signOut() {
    clickAndWait("form[action='/sign-out'] button");
  }

  /** The screening list as the coordinator keeps it, read here without any portal code. */
  private static Map<String, List<Bsn>> households() throws IOException {
    Map<String, List<Bsn>> byRef = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(env.screeningList, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(";");
      byRef.computeIfAbsent(f[0], r -> new ArrayList<>()).add(Bsn.parse(f[1]));
    }
    return byRef;
  }

  @Test
  @Order(1)
  void signIn_thenUploadTheDemoList_showsEveryHouseholdWithTheSignalTheSdkGets() throws Exception {
    open("/screening");
    assertThat(browser.driver.getCurrentUrl()).contains("/sign-in");
    assertThat(find("html").getAttribute("lang")).isEqualTo("nl");
    browser.assertAccessible("sign-in");
    browser.screenshot("01-sign-in");

    signIn("coordinator");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/screening");
    assertThat(find("h1").getText()).isEqualTo("Screening");
    browser.assertAccessible("screening");
    browser.screenshot("02-screening");

    find("#caseRef-h").sendKeys(CASE_REF);
    find("#file").sendKeys(env.screeningList.toAbsolutePath().toString());
    clickAndWait("#submit-households");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/screening/result");

    // The oracle: the same list through the SDK directly (its own audited lookup, another case ref).
    Map<String, List<Bsn>> list = households();
    BsnLookupResult expected = new BsnLookup(Pseudonymiser.of(PseudonymKeyRing.load(env.keyDir)), env.querier())
        .households(new LookupContext("screening", "VH-2026-ORACLE", "test oracle"),
            list.entrySet().stream().map(e -> new Household(e.getKey(), e.getValue())).toList());
    assertThat(expected.households()).isNotEmpty();
    assertThat(find("#household-count").getText()).isEqualTo(Integer.toString(list.size()));
    long signals = expected.households().stream().filter(HouseholdAnswer::signal).count();
    assertThat(signals).as("the demo list has households with and without a signal").isBetween(1L, (long) list.size() - 1);
    assertThat(find("#signal-count").getText()).isEqualTo(Long.toString(signals));
    for (HouseholdAnswer h : expected.households()) {
      WebElement body = find("tbody.household[data-ref='" + h.ref() + "']");
      assertThat(body.findElement(By.cssSelector(".signal-cell")).getText()).as(h.ref())
          .isEqualTo(h.signal() ? "Signaal" : "Geen signaal");
      assertThat(body.findElements(By.cssSelector("tr.member-row"))).hasSize(h.members().size());
      for (var agency : h.agencies()) {
        assertThat(body.findElement(By.cssSelector("tr.household-row")).getText()).contains(agency.name());
      }
    }
    // No full BSN anywhere on the page: only masked forms.
    String page = browser.driver.getPageSource();
    for (List<Bsn> members : list.values()) {
      for (Bsn b : members) {
        assertThat(page).doesNotContain(b.digits());
      }
    }
    browser.assertAccessible("result");
    browser.screenshot("03-result");
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024)); // a tablet
    browser.assertAccessible("result on a tablet");
    browser.screenshot("03-result-tablet");
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

    // Export: the CSV for the screening meeting, with the session cookie of the browser.
    Cookie session = browser.driver.manage().getCookieNamed(PortalServer.SESSION_COOKIE);
    assertThat(session.isHttpOnly()).isTrue();
    HttpResponse<String> csv = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(env.portalUrl("/screening/result.csv")))
            .header("Cookie", session.getName() + "=" + session.getValue()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    assertThat(csv.body().lines().count()).isEqualTo(1 + list.values().stream().mapToLong(List::size).sum());
    assertThat(csv.body()).contains(CASE_REF);

    open("/screening/result/print");
    assertThat(find("h1").getText()).contains("weeg- en screeningsoverleg");
    browser.assertAccessible("print");
    browser.screenshot("04-print");
  }

  @Test
  @Order(2)
  void invalidRows_arePointedOutByRowNumberWithAMaskedBsn_andNothingIsSent() throws Exception {
    open("/screening");
    Path bad = dir.resolve("bad-list.csv");
    Files.writeString(bad, "household;bsn\nH1;123456782\nH1;123456789\nH2;12ab\n", StandardCharsets.UTF_8);
    find("#caseRef-h").sendKeys("VH-2026-E2E2");
    find("#file").sendKeys(bad.toAbsolutePath().toString());
    clickAndWait("#submit-households");
    String page = browser.driver.getPageSource();
    assertThat(find("#problems").getText()).contains("3").contains("••••••789").contains("elfproef").contains("4");
    assertThat(page).doesNotContain("123456789").doesNotContain("12ab");
    assertThat(find("#file").getAttribute("aria-invalid")).isEqualTo("true");
    browser.assertAccessible("screening with errors");
    browser.screenshot("05-invalid-rows");
  }

  @Test
  @Order(2)
  void oneBsnTypedIn_isAnsweredLikeTheSdkAnswersIt() throws Exception {
    Bsn person = households().values().iterator().next().get(0);
    boolean known = new BsnLookup(Pseudonymiser.of(PseudonymKeyRing.load(env.keyDir)), env.querier())
        .persons(new LookupContext("screening", "VH-2026-ORACLE", "test oracle"), List.of(person)).persons().get(0).known();
    open("/screening");
    find("#caseRef-p").sendKeys("VH-2026-E2E3");
    find("#bsn").sendKeys(person.digits());
    clickAndWait("#submit-person");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/screening/result");
    assertThat(find("#persons").getText()).contains(known ? "Bekend" : "Niet bekend");
    assertThat(browser.driver.getPageSource()).doesNotContain(person.digits());
    browser.screenshot("05b-person");
  }

  @Test
  @Order(3)
  void englishSwitch_changesTextAndLanguage_andBack() throws Exception {
    open("/screening");
    clickAndWait("a[hreflang='en']");
    assertThat(find("html").getAttribute("lang")).isEqualTo("en");
    assertThat(find("#households-title").getText()).isEqualTo("Upload a household list");
    browser.assertAccessible("screening (en)");
    browser.screenshot("06-screening-en");
    clickAndWait("a[hreflang='nl']");
    assertThat(find("html").getAttribute("lang")).isEqualTo("nl");
  }

  @Test
  @Order(4)
  void privacyOfficer_findsTheCoordinatorsLookupInTheSubjectAccessReport() throws Exception {
    signOut();
    assertThat(browser.driver.getCurrentUrl()).contains("/sign-in");
    signIn("privacy");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/review/audit");
    browser.assertAccessible("audit search");

    Bsn member = households().values().iterator().next().get(0);
    open("/review/subject");
    browser.assertAccessible("subject form");
    find("#bsn").sendKeys(member.digits());
    clickAndWait("#submit-subject");
    WebElement lookups = find("#subject-lookups");
    assertThat(lookups.getText()).contains(CASE_REF).contains("Demo Coordinator").contains("vh-coordinator");
    assertThat(browser.driver.getPageSource()).doesNotContain(member.digits());
    browser.assertAccessible("subject report");
    browser.screenshot("07-subject-report");

    open("/review/audit?search=1&caseRef=" + CASE_REF);
    assertThat(find("#entries").getText()).contains(CASE_REF).contains("lookup");
    browser.screenshot("08-audit-search");

    open("/review/anomalies");
    assertThat(Integer.parseInt(find("#total-lookups").getText())).isGreaterThanOrEqualTo(2);
    browser.assertAccessible("anomalies");
    browser.screenshot("09-anomalies");

    env.service.checkpoints().publishIfGrown();
    open("/review/verification");
    assertThat(find("#status-title").getText()).isEqualTo("Handtekening geldig");
    assertThat(Long.parseLong(find("#checkpoint-size").getText())).isPositive();
    browser.assertAccessible("verification");
    browser.screenshot("10-verification");
  }

  @Test
  @Order(6)
  void axe_onAPageWithKnownViolations_fails() {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(Browser.AXE), "axe-core not installed");
    // The check itself must be able to fail: an unlabelled input and an image without alt text.
    browser.driver.get("data:text/html,<html lang=en><head><title>x</title></head><body><main><h1>x</h1>"
        + "<img src=a.png><input type=text></main></body></html>");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> browser.assertAccessible("broken page"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("critical");
  }

  @Test
  @Order(5)
  void theCoordinator_cannotOpenThePrivacyPages() throws Exception {
    signOut();
    signIn("coordinator");
    open("/review/audit");
    assertThat(find("h1").getText()).isEqualTo("Geen toegang");
  }
}
