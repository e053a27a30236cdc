package nl.hitmachine.service.api.http;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;
import nl.hitmachine.service.hit.CaseloadIntake;
import nl.hitmachine.service.hit.Caller;
import nl.hitmachine.service.hit.RegistrationService;
import nl.hitmachine.service.index.ReplaceResult;

/**
 * PUT /v1/registrations: the agency's complete caseload as NDJSON, streamed. The event loop only
 * splits lines; batches of lines are parsed, validated and keyed on the worker pool in order, with
 * the request paused meanwhile (bounded memory for the raw text). Nothing is applied unless every
 * line is valid; the whole replace is one atomic index write.
 */
final class ReplaceHandler implements Handler<RoutingContext> {
  private static final System.Logger LOG = System.getLogger("hitmachine.http");
  static final int MAX_LINE_BYTES = 4096;
  private static final int BATCH_LINES = 2048;

  private final RegistrationService registrations;
  private final CallerResolver callers;
  private final WorkerExecutor workers;
  private final long maxBodyBytes;
  private final long deadlineMillis;

  ReplaceHandler(
      RegistrationService registrations, CallerResolver callers, WorkerExecutor workers, long maxBodyBytes,
      long deadlineMillis) {
    this.registrations = registrations;
    this.callers = callers;
    this.workers = workers;
    this.maxBodyBytes = maxBodyBytes;
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    CaseloadIntake intake;
    try {
      intake = registrations.beginReplace(caller);
    } catch (RegistrationService.RefusedException refused) {
      Responses.stopReading(ctx);
      Responses.from(ctx, refused.audited(), b -> (Buffer) b);
      return;
    }
    if (!isNdjson(ctx)) {
      fail(ctx, intake, new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "a caseload must be sent as application/x-ndjson"));
      return;
    }
    new Upload(ctx, intake).start();
  }

  private static boolean isNdjson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.split(";", 2)[0].strip().equalsIgnoreCase("application/x-ndjson");
  }

  private void fail(RoutingContext ctx, CaseloadIntake intake, ProblemException problem) {
    Responses.stopReading(ctx);
    Responses.from(ctx, registrations.<Buffer>abortReplace(intake, problem), b -> b);
  }

  /** One streaming upload; lives on the request's event loop. */
  private final class Upload {
    private final RoutingContext ctx;
    private final CaseloadIntake intake;
    private final RecordParser parser;
    private List<byte[]> batch = new ArrayList<>(BATCH_LINES);
    private long firstLineOfBatch = 1;
    private long bytes;
    private boolean done;
    private long deadlineTimer = -1;

    Upload(RoutingContext ctx, CaseloadIntake intake) {
      this.ctx = ctx;
      this.intake = intake;
      this.parser = RecordParser.newDelimited("\n", ctx.request());
      parser.maxRecordSize(MAX_LINE_BYTES);
    }

    void start() {
      // The whole upload must arrive by the deadline: a stalled client holds the caseload intake
      // (and its memory) no longer than that.
      deadlineTimer = ctx.vertx().setTimer(deadlineMillis, id -> abort(new ProblemException(ProblemType.REQUEST_TIMEOUT,
          "the caseload upload did not complete within " + (deadlineMillis / 1000) + " s; nothing was changed")));
      parser.exceptionHandler(this::streamFailed);
      parser.handler(this::line);
      parser.endHandler(v -> flush(true));
      ctx.request().resume();
    }

    private void line(Buffer line) {
      if (done) {
        return;
      }
      bytes += line.length() + 1;
      if (bytes > maxBodyBytes) {
        abort(ProblemException.tooLarge("a caseload body may have at most " + maxBodyBytes + " bytes; nothing was changed"));
        return;
      }
      batch.add(line.length() > MAX_LINE_BYTES ? null : line.getBytes()); // null: too long, reported in order
      if (batch.size() >= BATCH_LINES) {
        flush(false);
      }
    }

    private void flush(boolean last) {
      if (done) {
        return;
      }
      List<byte[]> lines = batch;
      long first = firstLineOfBatch;
      batch = new ArrayList<>(BATCH_LINES);
      firstLineOfBatch += lines.size();
      if (!last) {
        // Pause the request itself (not the parser): no more chunks arrive while the batch is
        // worked on, so the parser never holds more than one partial line.
        ctx.request().pause();
      }
      workers.executeBlocking(() -> {
        feed(lines, first);
        return null;
      }, true).onComplete(ar -> {
        if (ar.failed()) {
          abort(ProblemResponses.problemOf(ar.cause()));
        } else if (last) {
          done = true;
          ctx.vertx().cancelTimer(deadlineTimer);
          Responses.from(ctx, Responses.onWorker(ctx, workers, () -> registrations.replace(intake), true),
              ReplaceHandler::render);
        } else if (!ctx.request().isEnded()) {
          ctx.request().resume();
        }
      });
    }

    private void feed(List<byte[]> lines, long firstLine) {
      long n = firstLine;
      for (byte[] raw : lines) {
        long line = n++;
        if (raw == null) {
          intake.reject(line, "is longer than " + MAX_LINE_BYTES + " bytes");
          continue;
        }
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        if (isBlank(raw, length)) {
          continue;
        }
        try {
          intake.accept(line, RegistrationLineParser.parse(raw, 0, length));
        } catch (RegistrationLineParser.InvalidLine e) {
          intake.reject(line, e.getMessage());
        }
      }
    }

    private void streamFailed(Throwable e) {
      if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("too long")) {
        abort(ProblemException.invalid("line " + (firstLineOfBatch + batch.size()) + " is longer than " + MAX_LINE_BYTES + " bytes; nothing was changed"));
      } else {
        LOG.log(System.Logger.Level.INFO, "caseload upload " + RequestIds.of(ctx) + " broke off: " + e.getClass().getName());
        abort(ProblemException.invalid("the upload broke off; nothing was changed"));
      }
    }

    private void abort(ProblemException problem) {
      if (done) {
        return;
      }
      done = true;
      ctx.vertx().cancelTimer(deadlineTimer);
      fail(ctx, intake, problem);
    }
  }

  private static boolean isBlank(byte[] b, int length) {
    for (int i = 0; i < length; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  private static Buffer render(ReplaceResult r) {
    return new JsonObject().put("added", r.added()).put("removed", r.removed()).put("kept", r.kept()).toBuffer();
  }
}
