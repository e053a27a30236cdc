package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.logging.LineWriter;

/**
 * The first handler of every request: counts the requests in flight (for the shutdown drain) and,
 * with {@code logging.format: json}, writes one JSON line per request when its response is done:
 *
 * <pre>{"time":"2026-11-23T15:08:00.123Z","requestId":"…","route":"/v1/lookups","method":"POST",
 * "status":200,"durationMs":3.2,"clientId":"vh-coordinator","agency":"veiligheidshuis"}</pre>
 *
 * {@code route} is the route template ({@code ""} when no route matched), never the raw path;
 * {@code clientId} and {@code agency} are null for a caller without valid credentials. Nothing from
 * the request body or query — no subject, pseudonym, user name or case reference — is ever written.
 * The line is encoded on the event loop (Jackson, a few microseconds) and written by the {@link
 * LineWriter}'s own thread.
 */
public final class RequestLog implements Handler<RoutingContext> {
  private static final String ROUTE = "hitmachine.route";
  private static final String PRINCIPAL = "hitmachine.principal";
  private static final JsonFactory JSON = new JsonFactory();

  private final LongAdder inFlight = new LongAdder(); // per-core cells: no shared cache line between event loops
  private final LineWriter lines; // null: counting only
  private final Clock clock;

  /** Counts requests and, when {@code lines} is not null, logs each as one JSON line into it. */
  public RequestLog(LineWriter lines, Clock clock) {
    this.lines = lines;
    this.clock = clock;
  }

  /** Requests whose response is not done yet. */
  public int inFlight() {
    return (int) inFlight.sum();
  }

  @Override
  public void handle(RoutingContext ctx) {
    inFlight.increment();
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      inFlight.decrement();
      if (lines != null) {
        lines.write(line(ctx, (System.nanoTime() - start) / 1_000_000.0));
      }
    });
    ctx.next();
  }

  /** A handler that records {@code template} as the request's route, then passes it on. */
  static Handler<RoutingContext> route(String template) {
    return ctx -> {
      ctx.put(ROUTE, template);
      ctx.next();
    };
  }

  /** The route template of the request, {@code ""} when no route matched. */
  static String routeOf(RoutingContext ctx) {
    String route = ctx.get(ROUTE);
    return route == null ? "" : route;
  }

  /** Remembers who the caller is (for the log line); called by {@link CallerResolver}. */
  static void caller(RoutingContext ctx, Principal principal) {
    if (principal != null) {
      ctx.put(PRINCIPAL, principal);
    }
  }

  private String line(RoutingContext ctx, double durationMs) {
    Principal principal = ctx.get(PRINCIPAL);
    StringWriter text = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("time", clock.instant().toString());
      json.writeStringField("requestId", RequestIds.of(ctx));
      json.writeStringField("route", routeOf(ctx));
      json.writeStringField("method", ctx.request().method().name());
      json.writeNumberField("status", ctx.response().getStatusCode());
      json.writeNumberField("durationMs", Math.round(durationMs * 1000) / 1000.0);
      json.writeStringField("clientId", principal == null ? null : principal.clientId());
      json.writeStringField("agency", principal == null ? null : principal.agency());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }
}
