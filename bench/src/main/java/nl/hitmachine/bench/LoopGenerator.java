package nl.hitmachine.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The open-loop generator in the style of wrk2, all of whose work happens on Netty event loops:
 * {@code threads} loops, each with its own share of the {@code connections} (opened before the
 * first run) and of the schedule (request {@code i} goes to loop {@code i mod threads}), sending
 * each request when it is due from that loop's own dispatcher and counting answers in that loop's
 * own {@link Tally}; the parts are merged when the run is over. No request crosses a thread, so
 * the generator's CPU per request stays small — it shares the cores with the service it measures.
 * Semantics as {@link OpenLoopRunner}: latency from the due time, late sends, drain timeout.
 */
final class LoopGenerator implements Generator {
  private final LoopTransport transport;
  private final EventLoopGroup group;
  private final WireRequests requests;
  private final List<LoopShard> shards = new ArrayList<>();
  private final Duration drainTimeout;

  LoopGenerator(ServiceOptions.Connection connection, Workload workload, Duration timeout, int connections, int threads,
      LoopTransport transport) throws IOException, InterruptedException {
    if (threads < 1 || connections < threads) {
      throw new IllegalArgumentException("need at least one event loop and one connection per event loop");
    }
    URI target = connection.base().resolve(workload.path());
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    if (!https && !"http".equalsIgnoreCase(target.getScheme())) {
      throw new IllegalArgumentException("the URL must be http or https: " + target);
    }
    int port = target.getPort() > 0 ? target.getPort() : https ? 443 : 80;
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(target.getHost()), port);
    SSLContext tls = https ? sslContext(connection) : null;
    this.transport = transport;
    this.drainTimeout = timeout;
    this.requests = new WireRequests(target, workload, connection.authorization());
    this.group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlers());
    Bootstrap bootstrap = new Bootstrap().channel(transport.channelType())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 30_000));
    CountDownLatch opened = new CountDownLatch(connections);
    for (int s = 0; s < threads; s++) {
      LoopShard shard = new LoopShard(group.next(), s, threads, requests, tls, target.getHost(), port);
      shards.add(shard);
      shard.open(bootstrap, address, connections / threads + (s < connections % threads ? 1 : 0), timeout.toNanos(), opened);
    }
    try {
      opened.await(); // failed attempts too: those connections are tried again when a request is sent on them
    } catch (InterruptedException e) {
      close();
      throw e;
    }
  }

  private static SSLContext sslContext(ServiceOptions.Connection connection) throws IOException {
    if (connection.tls().isPresent()) {
      return connection.tls().get();
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no default TLS context", e);
    }
  }

  @Override
  public RunResult run(Schedule schedule, long firstIndex) throws InterruptedException {
    CountDownLatch allSent = new CountDownLatch(shards.size());
    CountDownLatch allAnswered = new CountDownLatch(shards.size());
    long start = System.nanoTime();
    LoopShard.Plan plan = new LoopShard.Plan(schedule, start, firstIndex, allSent, allAnswered);
    shards.forEach(s -> s.begin(plan));
    allSent.await();
    allAnswered.await(drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
    Tally tally = new Tally();
    long lateSends = 0;
    for (LoopShard s : shards) {
      LoopShard.Part part = s.finish();
      tally.add(part.tally());
      lateSends += part.lateSends();
    }
    return tally.result(schedule.ratePerSecond(), schedule.requests(), lateSends, start,
        start + schedule.duration().toNanos());
  }

  @Override
  public String description() {
    return "loop (" + transport + ", " + shards.size() + (shards.size() == 1 ? " event loop)" : " event loops)");
  }

  LoopTransport transport() {
    return transport;
  }

  @Override
  public void close() {
    shards.forEach(LoopShard::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    requests.close();
  }
}
