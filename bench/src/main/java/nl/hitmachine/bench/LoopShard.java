package nl.hitmachine.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One event loop's share of the {@link LoopGenerator}'s work: its own connections and, per run,
 * every {@code stride}-th request of the schedule (request {@code i} belongs to shard {@code i mod
 * stride}) and its own {@link Tally}. Everything here runs on that event loop, so nothing is shared
 * or locked per request.
 *
 * <p>The dispatcher sends every request whose due time has come while a connection is idle; it
 * runs when an answer arrives and from a timer armed for the next due request. A request that finds
 * no idle connection waits for one, and its latency still counts from its due time.
 */
final class LoopShard {
  /** The parts of a run shared by every shard: the timetable and the latches the caller waits on. */
  record Plan(Schedule schedule, long start, long firstIndex, CountDownLatch allSent, CountDownLatch allAnswered) {}

  /** One shard's part of a finished run. */
  record Part(Tally tally, long lateSends) {}

  private final EventLoop loop;
  private final int shard;
  private final int stride;
  private final WireRequests requests;
  private final SSLContext tls;
  private final String host;
  private final int port;
  private final List<LoopConnection> connections = new ArrayList<>();
  private final ArrayDeque<LoopConnection> idle = new ArrayDeque<>();
  private final Runnable onTimer = this::onTimer;

  private int generation;
  private boolean running;
  private Plan plan;
  private long total;
  private long mine;
  private long next;
  private Tally tally;
  private long lateSends;
  private boolean timerArmed;
  private boolean dispatching;
  private boolean allSent;
  private ScheduledFuture<?> sweep;

  LoopShard(EventLoop loop, int shard, int stride, WireRequests requests, SSLContext tls, String host, int port) {
    this.loop = loop;
    this.shard = shard;
    this.stride = stride;
    this.requests = requests;
    this.tls = tls;
    this.host = host;
    this.port = port;
  }

  /** The pipeline of each of this shard's channels: TLS if any, the response decoder, the connection. */
  ChannelInitializer<Channel> pipeline(LoopConnection connection) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        if (tls != null) {
          SSLEngine engine = tls.createSSLEngine(host, port);
          engine.setUseClientMode(true);
          SSLParameters parameters = engine.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          engine.setSSLParameters(parameters);
          ch.pipeline().addLast(new SslHandler(engine));
        }
        ch.pipeline().addLast(new HttpResponseDecoder(new HttpDecoderConfig().setValidateHeaders(false)));
        ch.pipeline().addLast(connection);
      }
    };
  }

  /** Opens {@code count} connections (on the event loop); {@code opened} counts down once per attempt. */
  void open(Bootstrap bootstrap, InetSocketAddress address, int count, long timeoutNanos, CountDownLatch opened) {
    loop.execute(() -> {
      for (int i = 0; i < count; i++) {
        LoopConnection c = new LoopConnection(this, bootstrap.clone().group(loop), address);
        connections.add(c);
        idle.addLast(c);
        c.open(opened::countDown);
      }
      long period = Math.clamp(timeoutNanos / 10, 10_000_000L, 1_000_000_000L);
      sweep = loop.scheduleAtFixedRate(() -> {
        long now = System.nanoTime();
        for (LoopConnection c : connections) {
          c.expireIfOlderThan(now, timeoutNanos);
        }
      }, period, period, TimeUnit.NANOSECONDS);
    });
  }

  /** Starts this shard's part of a run (on the event loop). */
  void begin(Plan plan) {
    loop.execute(() -> {
      this.plan = plan;
      this.total = plan.schedule().requests();
      this.mine = total <= shard ? 0 : (total - shard - 1) / stride + 1;
      this.next = shard;
      this.tally = new Tally();
      this.lateSends = 0;
      this.allSent = false;
      this.running = true;
      if (mine == 0) {
        plan.allAnswered().countDown();
      }
      dispatch();
    });
  }

  /** Ends this shard's part of the run: later answers to its requests are no longer counted. */
  Part finish() throws InterruptedException {
    try {
      return loop.submit(() -> {
        running = false;
        generation++;
        return new Part(tally, lateSends);
      }).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  void answered(LoopConnection c, long intended, long now, int status, int generation) {
    if (running && generation == this.generation) {
      tally.status(intended, now, status);
      countAnswer();
    }
    idle.addLast(c);
    dispatch();
  }

  void failed(LoopConnection c, long intended, long now, int generation) {
    if (running && generation == this.generation) {
      tally.transportError(intended, now);
      countAnswer();
    }
    idle.addLast(c);
    dispatch();
  }

  private void countAnswer() {
    if (tally.answered() == mine) {
      plan.allAnswered().countDown();
    }
  }

  private void dispatch() {
    if (!running || dispatching) {
      return; // a re-entrant call: the loop below sees the connection it freed
    }
    dispatching = true;
    try {
      while (next < total) {
        if (idle.isEmpty()) {
          return; // the next answer dispatches again
        }
        long intended = plan.start() + plan.schedule().offsetNanos(next);
        long now = System.nanoTime();
        if (intended > now) {
          if (!timerArmed) {
            timerArmed = true;
            loop.schedule(onTimer, intended - now, TimeUnit.NANOSECONDS);
          }
          return;
        }
        if (now - intended > OpenLoopRunner.LATE_SEND_NANOS) {
          lateSends++;
        }
        long i = next;
        next += stride;
        idle.pollFirst().send(requests.request(plan.firstIndex() + i), intended, generation);
      }
      if (!allSent) {
        allSent = true;
        plan.allSent().countDown();
      }
    } finally {
      dispatching = false;
    }
  }

  private void onTimer() {
    timerArmed = false;
    dispatch();
  }

  /** Closes the connections (on the event loop). */
  void close() {
    loop.execute(() -> {
      running = false;
      if (sweep != null) {
        sweep.cancel(false);
      }
      connections.forEach(LoopConnection::close);
    });
  }
}
