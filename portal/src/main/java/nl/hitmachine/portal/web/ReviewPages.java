package nl.hitmachine.portal.web;

import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.logging.Logger;
import nl.hitmachine.connector.AuditQuery;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.InvalidBsnException;
import nl.hitmachine.portal.review.PrivacyReview;
import nl.hitmachine.portal.review.PrivacyReview.Verification;

/**
 * Privacy review: audit search, anomaly report, subject access report (BSN typed in, pseudonymised
 * locally), and the verification status of the audit log. Every read is audited by hit-service.
 */
final class ReviewPages {
  private static final Logger LOG = Logger.getLogger(ReviewPages.class.getName());
  private static final List<String> FILTERS = List.of("clientId", "agency", "requestedBy", "purpose", "caseRef", "action", "outcome");
  private static final List<String> ACTIONS = List.of("lookup", "register", "remove", "replace", "audit-checkpoint", "audit-proof",
      "audit-search", "audit-export", "audit-subject-report", "audit-anomaly-report", "admin-backup", "audit-retention");
  private static final List<String> OUTCOMES = List.of("ok", "refused", "invalid", "failed");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Templates templates;
  private final Messages messages;
  private final PrivacyReview review;
  private final WorkerExecutor workers;
  private final ZoneId zone;

  ReviewPages(Templates templates, Messages messages, PrivacyReview review, WorkerExecutor workers, ZoneId zone) {
    this.templates = templates;
    this.messages = messages;
    this.review = review;
    this.workers = workers;
    this.zone = zone;
  }

  void audit(RoutingContext ctx) {
    MultiMap p = ctx.request().params();
    Map<String, Object> m = PageContext.base(ctx, messages, "audit_title");
    String lang = PageContext.lang(ctx);
    Map<String, Object> values = new HashMap<>();
    AuditQuery.Builder q = AuditQuery.builder().limit(50);
    Map<String, String> errors = new HashMap<>();
    try {
      LocalDate from = date(p.get("from"));
      LocalDate to = date(p.get("to"));
      q.from(from == null ? null : from.atStartOfDay(zone).toInstant()).to(to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
      values.put("from", from == null ? "" : from.toString());
      values.put("to", to == null ? "" : to.toString());
    } catch (DateTimeParseException e) {
      errors.put("dates", messages.get(lang, "error_date"));
    }
    StringBuilder keep = new StringBuilder();
    for (String f : FILTERS) {
      String v = p.get(f);
      if (v != null && !v.isBlank()) {
        v = v.strip();
        if ((f.equals("action") && !ACTIONS.contains(v)) || (f.equals("outcome") && !OUTCOMES.contains(v))) {
          continue;
        }
        try {
          switch (f) {
            case "clientId" -> q.clientId(v);
            case "agency" -> q.agency(v);
            case "requestedBy" -> q.requestedBy(v);
            case "purpose" -> q.purpose(v);
            case "caseRef" -> q.caseRef(v);
            case "action" -> q.action(v);
            default -> q.outcome(v);
          }
          values.put(f, v);
          keep.append('&').append(f).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          errors.put(f, messages.get(lang, "error_filter"));
        }
      }
    }
    for (String d : List.of("from", "to")) {
      if (values.get(d) != null && !values.get(d).toString().isEmpty()) {
        keep.append('&').append(d).append('=').append(values.get(d));
      }
    }
    String after = p.get("after");
    if (after != null && after.matches("\\d{1,18}")) {
      q.after(Long.parseLong(after));
    }
    m.put("values", values);
    m.put("actions", ACTIONS.stream().map(a -> Map.of("code", a, "selected", a.equals(values.get("action")))).toList());
    m.put("outcomes", OUTCOMES.stream().map(a -> Map.of("code", a, "selected", a.equals(values.get("outcome")))).toList());
    m.put("errors", errors);
    boolean search = p.contains("search");
    if (!search || !errors.isEmpty()) {
      m.put("hasErrors", !errors.isEmpty());
      Pages.html(ctx, errors.isEmpty() ? 200 : 400, templates.render("audit", m));
      return;
    }
    run(ctx, m, "audit", () -> review.search(q.build()), page -> {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("entries");
      for (Map<String, Object> e : entries) {
        e.put("timeText", time(e.get("time")));
      }
      m.put("entries", entries);
      m.put("searched", true);
      m.put("noEntries", entries.isEmpty());
      if (page.get("next") != null) {
        m.put("nextLink", "/review/audit?search=1&after=" + page.get("next") + keep);
      }
    });
  }

  void anomalies(RoutingContext ctx) {
    MultiMap p = ctx.request().params();
    Map<String, Object> m = PageContext.base(ctx, messages, "anomalies_title");
    String lang = PageContext.lang(ctx);
    LocalDate today = LocalDate.now(zone);
    LocalDate from;
    LocalDate to;
    try {
      from = date(p.get("from"));
      to = date(p.get("to"));
    } catch (DateTimeParseException e) {
      m.put("errors", Map.of("dates", messages.get(lang, "error_date")));
      m.put("hasErrors", true);
      Pages.html(ctx, 400, templates.render("anomalies", m));
      return;
    }
    LocalDate f = from == null ? today.minusDays(6) : from;
    LocalDate t = to == null ? today : to;
    m.put("from", f.toString());
    m.put("to", t.toString());
    if (t.isBefore(f)) {
      m.put("errors", Map.of("dates", messages.get(lang, "error_date_order")));
      m.put("hasErrors", true);
      Pages.html(ctx, 400, templates.render("anomalies", m));
      return;
    }
    Instant fromInstant = f.atStartOfDay(zone).toInstant();
    Instant toInstant = t.plusDays(1).atStartOfDay(zone).toInstant();
    run(ctx, m, "anomalies", () -> review.anomalies(fromInstant, toInstant), report -> {
      m.put("report", report);
      @SuppressWarnings("unchecked")
      Map<String, Object> findings = (Map<String, Object>) report.getOrDefault("findings", Map.of());
      boolean any = false;
      for (String k : List.of("volume", "outsideOfficeHours", "repeatedWithoutCaseRef", "refusals")) {
        Object v = findings.get(k);
        boolean has = v instanceof List<?> l && !l.isEmpty();
        m.put("has_" + k, has);
        any |= has;
        if (v instanceof List<?> l) {
          for (Object o : l) {
            if (o instanceof Map<?, ?> row) {
              @SuppressWarnings("unchecked")
              Map<String, Object> r = (Map<String, Object>) row;
              r.put("firstText", time(r.get("first")));
              r.put("lastText", time(r.get("last")));
              r.put("byProblemTypeText", r.get("byProblemType") instanceof Map<?, ?> b ? b.toString().replaceAll("[{}]", "") : "");
              r.put("clientText", r.get("clientId") == null ? messages.get(lang, "anomalies_unauthenticated") : r.get("clientId"));
            }
          }
        }
      }
      m.put("noFindings", !any);
    });
  }

  void subjectForm(RoutingContext ctx) {
    Map<String, Object> m = PageContext.base(ctx, messages, "subject_title");
    Pages.html(ctx, 200, templates.render("subject", m));
  }

  void subject(RoutingContext ctx) {
    Map<String, Object> m = PageContext.base(ctx, messages, "subject_title");
    String lang = PageContext.lang(ctx);
    Map<String, String> errors = new HashMap<>();
    Bsn bsn = null;
    try {
      bsn = Bsn.parse(ctx.request().getFormAttribute("bsn") == null ? "" : ctx.request().getFormAttribute("bsn"));
    } catch (InvalidBsnException e) {
      errors.put("bsn", messages.get(lang, "problem_bsn_" + e.reason().name().toLowerCase(Locale.ROOT)));
    }
    LocalDate from = null;
    LocalDate to = null;
    try {
      from = date(ctx.request().getFormAttribute("from"));
      to = date(ctx.request().getFormAttribute("to"));
    } catch (DateTimeParseException e) {
      errors.put("dates", messages.get(lang, "error_date"));
    }
    m.put("from", from == null ? "" : from.toString());
    m.put("to", to == null ? "" : to.toString());
    if (!errors.isEmpty()) {
      m.put("errors", errors);
      m.put("hasErrors", true);
      Pages.html(ctx, 400, templates.render("subject", m));
      return;
    }
    Bsn person = bsn;
    Instant fromInstant = from == null ? null : from.atStartOfDay(zone).toInstant();
    Instant toInstant = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
    m.put("masked", nl.hitmachine.portal.screening.MaskedBsn.of(person.digits()));
    run(ctx, m, "subject", () -> review.subjectReport(person, fromInstant, toInstant), report -> {
      m.put("report", report);
      m.put("generatedAtText", time(report.get("generatedAt")));
      for (String list : List.of("lookups", "auditReads")) {
        if (report.get(list) instanceof List<?> l) {
          for (Object o : l) {
            if (o instanceof Map<?, ?> row) {
              @SuppressWarnings("unchecked")
              Map<String, Object> r = (Map<String, Object>) row;
              r.put("timeText", time(r.get("time")));
              r.put("disclosedText", r.get("disclosed") instanceof List<?> d && !d.isEmpty()
                  ? String.join(", ", d.stream().map(String::valueOf).toList()) : messages.get(lang, "subject_nothing_disclosed"));
              r.put("permittedText", messages.get(lang, Boolean.TRUE.equals(r.get("permitted")) ? "yes" : "no"));
            }
          }
          m.put("has_" + list, !l.isEmpty());
        }
      }
    });
  }

  void verification(RoutingContext ctx) {
    Map<String, Object> m = PageContext.base(ctx, messages, "verification_title");
    boolean check = ctx.request().method().name().equals("POST") || review.lastVerification().isEmpty();
    if (!check) {
      putVerification(m, review.lastVerification().get(), PageContext.lang(ctx));
      Pages.html(ctx, 200, templates.render("verification", m));
      return;
    }
    run(ctx, m, "verification", review::verifyLatest, v -> putVerification(m, v, PageContext.lang(ctx)));
  }

  private void putVerification(Map<String, Object> m, Verification v, String lang) {
    Map<String, Object> r = new HashMap<>();
    r.put("checkedAt", TIME.format(v.checkedAt().atZone(zone)));
    r.put("verified", v.verified());
    if (v.checkpoint() != null) {
      r.put("origin", v.checkpoint().origin());
      r.put("treeSize", v.checkpoint().treeSize());
      r.put("rootHash", v.checkpoint().rootHash());
    }
    r.put("problem", v.problem() == null ? "" : messages.get(lang, v.problem()));
    r.put("grewFrom", v.grewFrom() >= 0 ? Long.toString(v.grewFrom()) : "");
    m.put("verification", r);
  }

  private <T> void run(RoutingContext ctx, Map<String, Object> m, String template, Callable<T> call, Consumer<T> show) {
    workers.executeBlocking(call).onComplete(r -> {
      String lang = PageContext.lang(ctx);
      int status = 200;
      if (r.succeeded()) {
        show.accept(r.result());
      } else if (r.cause() instanceof HitmachineProblemException p) {
        LOG.info("privacy review refused by hit-service: " + p.status() + " " + p.type());
        m.put("serviceError", messages.get(lang, "service_refused") + " " + (p.detail() != null ? p.detail() : p.title() != null ? p.title() : ""));
        status = 502;
      } else if (r.cause() instanceof IOException) {
        LOG.warning("hit-service could not be reached for a privacy review: " + r.cause().getClass().getSimpleName());
        m.put("serviceError", messages.get(lang, "service_unreachable"));
        status = 502;
      } else {
        LOG.warning("privacy review failed: " + r.cause().getClass().getName());
        m.put("serviceError", messages.get(lang, "service_failed"));
        status = 500;
      }
      Pages.html(ctx, status, templates.render(template, m));
    });
  }

  private static LocalDate date(String s) {
    return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
  }

  private String time(Object iso) {
    if (iso == null) {
      return "";
    }
    try {
      return TIME.format(Instant.parse(iso.toString()).atZone(zone));
    } catch (DateTimeParseException e) {
      return iso.toString();
    }
  }
}
