package nl.hitmachine.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nl.hitmachine.service.audit.AuditCommitListener;
import nl.hitmachine.service.hit.CallObserver;
import nl.hitmachine.service.index.IndexStatistics;

/**
 * The service's Prometheus registry and every meter in it: use cases ({@link #calls()}), audit
 * group commits ({@link #auditCommits()}), audit tree and checkpoint lag, index gauges, the HTTP
 * server (Vert.x metrics by route template, method and status: {@link #vertx}) and the JVM
 * (memory, GC, threads, class loading, CPU, uptime).
 */
public final class ServiceMetrics implements AutoCloseable {
  /** The Prometheus text exposition format that {@link #scrape()} writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final UseCaseMetrics calls;
  private final AuditMetrics audit;

  /**
   * @param agencies the configured agency codes (the only values of the {@code agency} label
   *     besides {@code none}); their denial counters and registration gauges exist from the start
   * @param auditTreeSize the audit log's durable size (in memory)
   * @param clock the service clock (checkpoint lag)
   */
  public ServiceMetrics(Collection<String> agencies, LongSupplier auditTreeSize, Clock clock) {
    // Names Prometheus' linter (promtool check metrics) rejects: an abbreviated unit, a "_count" gauge.
    registry.config()
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
        // Vert.x 5.0 registers its "active" gauges again for every HTTP server (API, management, one
        // per event loop); Micrometer keeps the first with a warning, so their values could not be
        // trusted. Requests in flight show as requests_total minus responses_total instead.
        .meterFilter(MeterFilter.deny(id -> id.getName().startsWith("vertx.http.server.active.")))
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
          }
        })
        // HTTP methods are free tokens: a client inventing methods must not invent label values
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            String method = id.getTag("method");
            return method == null || KNOWN_METHODS.contains(method) ? id
                : id.replaceTags(Tags.of(id.getTagsAsIterable()).and("method", "OTHER"));
          }
        });
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.calls = new UseCaseMetrics(registry, agencies);
    this.audit = new AuditMetrics(registry, auditTreeSize, clock);
  }

  /** Observes the use cases (lookups, denials, registrations). */
  public CallObserver calls() {
    return calls;
  }

  /** Listens to the audit log's group commits. */
  public AuditCommitListener auditCommits() {
    return audit;
  }

  /** Listens to stored checkpoints (tree size). */
  public LongConsumer checkpoints() {
    return audit.checkpointListener();
  }

  /** Gauges for the index, read at scrape time. */
  public void index(Supplier<Optional<IndexStatistics>> statistics, Supplier<Map<String, Long>> registrationCounts,
      Collection<String> agencies) {
    IndexGauges.register(registry, statistics, registrationCounts, agencies);
  }

  /** A gauge of the API requests in flight (received, response not done yet). */
  public void requestsInFlight(java.util.function.IntSupplier inFlight) {
    io.micrometer.core.instrument.Gauge.builder("hitmachine.http.requests.in.flight", inFlight::getAsInt)
        .description("API requests received whose response is not done yet (what a shutdown drains)")
        .register(registry);
  }

  /**
   * A Vert.x instance that reports its HTTP servers' requests into this registry: labels
   * {@code route} (the matched route template; empty for a path no route matched), {@code code}
   * and {@code method} (one of the standard methods, else {@code OTHER}, by a meter filter) — never
   * the path. Only the
   * HTTP server and worker-pool metric domains are on.
   */
  public Vertx vertx(VertxOptions options) {
    MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(false) // bound above, once
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .setDisabledMetricsCategories(EnumSet.complementOf(EnumSet.of(MetricsDomain.HTTP_SERVER, MetricsDomain.NAMED_POOLS))
            .stream().map(MetricsDomain::toCategory).collect(Collectors.toSet()));
    return Vertx.builder()
        .with(options.setMetricsOptions(metricsOptions))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /**
   * Every meter in the Prometheus text format. Reads the gauges (in-memory figures, RocksDB
   * properties included): call it off the event loop.
   */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
