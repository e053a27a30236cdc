package nl.hitmachine.portal.web;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.InvalidBsnException;
import nl.hitmachine.connector.LookupContext;
import nl.hitmachine.portal.screening.RowProblem;
import nl.hitmachine.portal.screening.Screening;
import nl.hitmachine.portal.screening.ScreeningCsv;
import nl.hitmachine.portal.screening.ScreeningList;
import nl.hitmachine.portal.screening.ScreeningReport;
import nl.hitmachine.portal.screening.ScreeningReport.HouseholdRow;
import nl.hitmachine.portal.screening.ScreeningReport.MemberRow;
import nl.hitmachine.portal.users.PortalUser;

/**
 * Screening: one BSN typed in, or an uploaded household list; the answer per household and member;
 * CSV export and a printable page. The last answer is kept in the session only (memory), the upload
 * is read into memory and never written to disk, and no BSN is logged or shown in full.
 */
final class ScreeningPages {
  static final String REPORT = "screeningReport";
  /** The largest household list accepted, in bytes. */
  static final int MAX_UPLOAD_BYTES = 1024 * 1024;
  private static final Logger LOG = Logger.getLogger(ScreeningPages.class.getName());
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Templates templates;
  private final Messages messages;
  private final Screening screening;
  private final WorkerExecutor workers;
  private final List<String> purposes;
  private final ZoneId zone;

  ScreeningPages(Templates templates, Messages messages, Screening screening, WorkerExecutor workers, List<String> purposes, ZoneId zone) {
    this.templates = templates;
    this.messages = messages;
    this.screening = screening;
    this.workers = workers;
    this.purposes = List.copyOf(purposes);
    this.zone = zone;
  }

  /** The form's input apart from the BSN or file, and the errors found. */
  private record Form(String purpose, String caseRef, Map<String, String> errors) {}

  void form(RoutingContext ctx) {
    render(ctx, 200, new Form(purposes.get(0), "", Map.of()), null, null);
  }

  void person(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Form form = validate(ctx, req.getFormAttribute("purpose"), req.getFormAttribute("caseRef"));
    String lang = PageContext.lang(ctx);
    Bsn bsn = null;
    try {
      bsn = Bsn.parse(req.getFormAttribute("bsn") == null ? "" : req.getFormAttribute("bsn"));
    } catch (InvalidBsnException e) {
      form.errors().put("bsn", messages.get(lang, "problem_bsn_" + e.reason().name().toLowerCase(Locale.ROOT)));
    }
    if (!form.errors().isEmpty()) {
      render(ctx, 400, form, null, "person");
      return;
    }
    LookupContext context = context(ctx, form);
    Bsn person = bsn;
    run(ctx, form, "person", () -> screening.person(context, person));
  }

  /** The household upload: multipart read into memory (never to disk), then checked and looked up. */
  void households(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    req.setExpectMultipart(true);
    Buffer file = Buffer.buffer();
    boolean[] tooLarge = {false};
    req.uploadHandler(upload -> upload.handler(chunk -> {
      if (file.length() + chunk.length() > MAX_UPLOAD_BYTES) {
        tooLarge[0] = true;
      } else {
        file.appendBuffer(chunk);
      }
    }));
    req.exceptionHandler(e -> ctx.fail(400));
    req.endHandler(v -> {
      if (!SessionGuard.csrfMatches(ctx.session(), req.getFormAttribute(SessionGuard.CSRF_FIELD))) {
        ctx.fail(403);
        return;
      }
      String lang = PageContext.lang(ctx);
      Form form = validate(ctx, req.getFormAttribute("purpose"), req.getFormAttribute("caseRef"));
      boolean skipInvalid = "on".equals(req.getFormAttribute("skipInvalid"));
      ScreeningList list = null;
      if (tooLarge[0]) {
        form.errors().put("file", messages.get(lang, "upload_too_large"));
      } else if (file.length() == 0) {
        form.errors().put("file", messages.get(lang, "upload_missing"));
      } else {
        try {
          list = ScreeningList.parse(file.getBytes());
        } catch (ScreeningList.UnreadableListException e) {
          form.errors().put("file", messages.get(lang, e.getMessage()));
        }
      }
      if (list != null && !list.problems().isEmpty() && !skipInvalid) {
        form.errors().put("file", messages.get(lang, "upload_invalid_rows").replace("{0}", Integer.toString(list.problems().size())));
      } else if (list != null && list.households().isEmpty()) {
        form.errors().put("file", messages.get(lang, "upload_no_households"));
      }
      if (!form.errors().isEmpty()) {
        render(ctx, 400, form, list == null ? List.of() : list.problems(), "households");
        return;
      }
      LookupContext context = context(ctx, form);
      ScreeningList valid = list;
      run(ctx, form, "households", () -> screening.households(context, valid));
    });
  }

  void result(RoutingContext ctx) {
    ScreeningReport report = ctx.session().get(REPORT);
    if (report == null) {
      ctx.redirect("/screening");
      return;
    }
    boolean print = ctx.request().path().endsWith("/print");
    Map<String, Object> m = PageContext.base(ctx, messages, "result_title");
    m.putAll(view(report, PageContext.lang(ctx)));
    Pages.html(ctx, 200, templates.render(print ? "result-print" : "result", m));
  }

  void csv(RoutingContext ctx) {
    ScreeningReport report = ctx.session().get(REPORT);
    if (report == null) {
      ctx.redirect("/screening");
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"screening-" + report.madeAt().atZone(zone).toLocalDate() + ".csv\"")
        .end(ScreeningCsv.write(report));
  }

  private void run(RoutingContext ctx, Form form, String mode, Callable<ScreeningReport> lookup) {
    workers.executeBlocking(lookup).onComplete(r -> {
      if (r.succeeded()) {
        ctx.session().put(REPORT, r.result());
        ctx.redirect("/screening/result");
        return;
      }
      String lang = PageContext.lang(ctx);
      Throwable t = r.cause();
      if (t instanceof HitmachineProblemException p) {
        LOG.info("screening refused by hit-service: " + p.status() + " " + p.type());
        form.errors().put("service", messages.get(lang, "service_refused") + " " + (p.detail() != null ? p.detail() : p.title() != null ? p.title() : ""));
      } else if (t instanceof IOException) {
        LOG.warning("hit-service could not be reached for a screening: " + t.getClass().getSimpleName());
        form.errors().put("service", messages.get(lang, "service_unreachable"));
      } else {
        LOG.log(Level.WARNING, "screening failed: " + t.getClass().getName());
        form.errors().put("service", messages.get(lang, "service_failed"));
      }
      render(ctx, 502, form, null, mode);
    });
  }

  private Form validate(RoutingContext ctx, String purpose, String caseRef) {
    String lang = PageContext.lang(ctx);
    Map<String, String> errors = new HashMap<>();
    String p = purpose == null ? "" : purpose;
    String c = caseRef == null ? "" : caseRef.strip();
    if (!purposes.contains(p)) {
      errors.put("purpose", messages.get(lang, "error_purpose"));
      p = purposes.get(0);
    }
    if (c.isEmpty()) {
      errors.put("caseRef", messages.get(lang, "error_caseref_missing"));
    } else {
      try {
        new LookupContext(p, c, "x");
      } catch (IllegalArgumentException e) {
        errors.put("caseRef", messages.get(lang, Bsn.isValid(c) ? "error_caseref_bsn" : "error_caseref_invalid"));
        c = ""; // never echo something that may be a BSN
      }
    }
    return new Form(p, c, errors);
  }

  private static LookupContext context(RoutingContext ctx, Form form) {
    PortalUser user = SessionGuard.user(ctx.session());
    return new LookupContext(form.purpose(), form.caseRef(), user.name());
  }

  private Map<String, Object> render(RoutingContext ctx, int status, Form form, List<RowProblem> problems, String mode) {
    String lang = PageContext.lang(ctx);
    Map<String, Object> m = PageContext.base(ctx, messages, "screening_title");
    List<Map<String, Object>> options = new ArrayList<>();
    for (String code : purposes) {
      options.add(Map.of("code", code, "label", messages.table(lang).getOrDefault("purpose_" + code, code), "selected", code.equals(form.purpose())));
    }
    m.put("purposes", options);
    m.put("caseRef", form.caseRef());
    Map<String, Object> errors = new HashMap<>(form.errors());
    m.put("errors", errors);
    m.put("hasErrors", !errors.isEmpty());
    m.put("errorPerson", "person".equals(mode) && !errors.isEmpty());
    m.put("errorHouseholds", "households".equals(mode) && !errors.isEmpty());
    if (problems != null && !problems.isEmpty()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (RowProblem p : problems) {
        rows.add(Map.of("row", p.row(), "masked", p.maskedBsn(), "reason", messages.get(lang, p.reason())));
      }
      m.put("problems", rows);
      m.put("hasProblems", true);
    }
    Pages.html(ctx, status, templates.render("screening", m));
    return m;
  }

  private Map<String, Object> view(ScreeningReport report, String lang) {
    Map<String, String> t = messages.table(lang);
    Map<String, Object> m = new HashMap<>();
    m.put("purpose", t.getOrDefault("purpose_" + report.purpose(), report.purpose()));
    m.put("caseRef", report.caseRef());
    m.put("requestedBy", report.requestedBy());
    m.put("madeAt", TIME.format(report.madeAt().atZone(zone)));
    m.put("lookupIds", String.join(", ", report.lookupIds()));
    m.put("householdCount", report.households().size());
    m.put("memberCount", report.memberCount());
    m.put("signalCount", report.signalCount());
    List<Map<String, Object>> households = new ArrayList<>();
    for (HouseholdRow h : report.households()) {
      Map<String, Object> hm = new HashMap<>();
      hm.put("ref", h.ref());
      hm.put("signal", h.signal());
      hm.put("domains", h.domains().isEmpty() ? "—" : String.join(", ", h.domains().stream().map(d -> t.getOrDefault("domain_" + d, d)).toList()));
      hm.put("domainCount", h.domains().size());
      hm.put("agencies", h.agencies().isEmpty() ? t.get("answer_not_known") : String.join(", ", h.agencies()));
      hm.put("members", h.members().stream().map(mr -> member(mr, t)).toList());
      households.add(hm);
    }
    m.put("households", households);
    m.put("hasHouseholds", !households.isEmpty());
    m.put("persons", report.persons().stream().map(mr -> member(mr, t)).toList());
    m.put("hasPersons", !report.persons().isEmpty());
    List<Map<String, Object>> skipped = new ArrayList<>();
    for (RowProblem p : report.skipped()) {
      skipped.add(Map.of("row", p.row(), "masked", p.maskedBsn(), "reason", t.getOrDefault(p.reason(), p.reason())));
    }
    m.put("skipped", skipped);
    m.put("hasSkipped", !skipped.isEmpty());
    return m;
  }

  private static Map<String, Object> member(MemberRow r, Map<String, String> t) {
    Map<String, Object> m = new HashMap<>();
    m.put("row", r.row() > 0 ? Integer.toString(r.row()) : "—");
    m.put("masked", r.maskedBsn());
    m.put("status", t.get("answer_" + r.status().name().toLowerCase(Locale.ROOT)));
    m.put("statusClass", r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    m.put("agencies", r.agencies().isEmpty() ? "—" : String.join(", ", r.agencies()));
    return m;
  }
}
