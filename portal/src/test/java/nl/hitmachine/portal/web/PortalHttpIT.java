package nl.hitmachine.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.connector.BsnLookup;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.portal.screening.Screening;
import nl.hitmachine.portal.users.LocalUsers;
import nl.hitmachine.portal.users.OneTimeSignIn;
import nl.hitmachine.portal.users.PasswordHash;
import nl.hitmachine.portal.users.PortalUser;
import nl.hitmachine.portal.users.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal's web layer over real HTTP on a free port: security headers, session cookie flags,
 * CSRF on every POST, sign-in and session expiry, role checks, the one-time link, no open redirect.
 * These pages make no call to hit-service (the screening client points at an unused port).
 */
class PortalHttpIT {
  @TempDir Path dir;
  private final Instant[] now = {Instant.parse("2026-11-23T09:00:00Z")};
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now[0];
    }
  };
  private PortalServer portal;
  private HitmachineClient unused;
  private OneTimeSignIn oneTime;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    Path users = dir.resolve("users.txt");
    SecureRandom random = new SecureRandom();
    Files.write(users, List.of(
        LocalUsers.line(new PortalUser("anna", "Anna de Vries", Set.of(Role.SCREENING)), PasswordHash.hash("s3cret-pass".toCharArray(), random, 1_000)),
        LocalUsers.line(new PortalUser("fg", "F. G.", Set.of(Role.PRIVACY)), PasswordHash.hash("other-pass".toCharArray(), random, 1_000))));
    unused = HitmachineClient.builder(URI.create("http://127.0.0.1:9"), "unused-token").build();
    oneTime = new OneTimeSignIn(clock, random);
    portal = PortalServer.start(
        new PortalConfig("127.0.0.1", 0, false, Duration.ofMinutes(30), Duration.ofHours(8), List.of("screening")),
        new PortalServices(LocalUsers.load(users), oneTime,
            new Screening(new BsnLookup(Pseudonymiser.of(PseudonymKey.generate("k1", Clock.systemUTC(), random)), unused), clock), null),
        clock, ZoneId.of("Europe/Amsterdam"));
    http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  @AfterEach
  void stop() {
    portal.close();
    unused.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + portal.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF field").isTrue();
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> signIn(String user, String password) throws Exception {
    String token = csrf(get("/sign-in").body());
    return post("/sign-in", "csrf=" + enc(token) + "&username=" + enc(user) + "&password=" + enc(password));
  }

  @Test
  void everyPage_hasAStrictContentSecurityPolicy_andNoStore() throws Exception {
    HttpResponse<String> r = get("/sign-in");
    assertThat(r.statusCode()).isEqualTo(200);
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(r.body()).contains("<html lang=\"nl\">").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    HttpResponse<String> css = get("/assets/portal.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
  }

  @Test
  void sessionCookie_isHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> r = get("/sign-in");
    String cookie = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(PortalServer.SESSION_COOKIE)).findFirst().orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
  }

  @Test
  void post_withoutOrWithAWrongCsrfToken_isRefused() throws Exception {
    get("/sign-in");
    assertThat(post("/sign-in", "username=anna&password=s3cret-pass").statusCode()).isEqualTo(403);
    assertThat(post("/sign-in", "csrf=forged&username=anna&password=s3cret-pass").statusCode()).isEqualTo(403);
    assertThat(get("/screening").headers().firstValue("location")).hasValueSatisfying(l -> assertThat(l).startsWith("/sign-in"));
  }

  @Test
  void signIn_withTheRightPassword_opensScreening_andAWrongOneDoesNot() throws Exception {
    HttpResponse<String> wrong = signIn("anna", "nope");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Gebruikersnaam of wachtwoord klopt niet");
    String before = sessionId();
    HttpResponse<String> ok = signIn("anna", "s3cret-pass");
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(ok.headers().firstValue("location")).contains("/screening");
    assertThat(sessionId()).as("a new session id at sign-in").isNotEqualTo(before);
    HttpResponse<String> page = get("/screening");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Anna de Vries");
  }

  @Test
  void aSession_endsAfterItsAbsoluteLifetime() throws Exception {
    signIn("anna", "s3cret-pass");
    assertThat(get("/screening").statusCode()).isEqualTo(200);
    now[0] = now[0].plus(Duration.ofHours(8).plusMinutes(1));
    HttpResponse<String> r = get("/screening");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("location")).contains("/sign-in?expired=1");
  }

  @Test
  void signOut_endsTheSession() throws Exception {
    signIn("anna", "s3cret-pass");
    String token = csrf(get("/screening").body());
    assertThat(post("/sign-out", "csrf=" + enc(token)).statusCode()).isEqualTo(302);
    assertThat(get("/screening").statusCode()).isEqualTo(302);
  }

  @Test
  void aUserWithoutTheRole_getsNoAccess() throws Exception {
    signIn("fg", "other-pass");
    assertThat(get("/screening").statusCode()).isEqualTo(403);
  }

  @Test
  void theOneTimeLink_signsInOnce() throws Exception {
    String token = oneTime.issue("anna", Duration.ofMinutes(5));
    assertThat(get("/sign-in/once?token=" + token).headers().firstValue("location")).contains("/screening");
    assertThat(get("/screening").statusCode()).isEqualTo(200);
    HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> again = other.send(HttpRequest.newBuilder(uri("/sign-in/once?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.headers().firstValue("location")).contains("/sign-in");
  }

  @Test
  void anInvalidBsn_isPointedOutWithoutEchoingIt() throws Exception {
    signIn("anna", "s3cret-pass");
    String token = csrf(get("/screening").body());
    HttpResponse<String> r = post("/screening/person", "csrf=" + enc(token) + "&purpose=screening&caseRef=VH-1&bsn=123456789");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("elfproef").contains("aria-invalid=\"true\"").doesNotContain("123456789");
    HttpResponse<String> bsnAsCase = post("/screening/person", "csrf=" + enc(token) + "&purpose=screening&caseRef=123456782&bsn=123456782");
    assertThat(bsnAsCase.body()).contains("mag geen BSN zijn").doesNotContain("123456782");
  }

  @Test
  void theLanguageSwitch_goesOnlyToALocalPath() throws Exception {
    HttpResponse<String> r = get("/lang/en?back=" + enc("//evil.example/x"));
    assertThat(r.headers().firstValue("location")).contains("/");
    assertThat(r.headers().firstValue("location").orElseThrow()).doesNotContain("evil");
    assertThat(get("/sign-in").body()).contains("<html lang=\"en\">").contains("Sign in");
  }

  private String sessionId() {
    return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(PortalServer.SESSION_COOKIE)).map(HttpCookie::getValue).findFirst().orElse("");
  }
}
