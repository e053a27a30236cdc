package nl.hitmachine.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * One keep-alive HTTP/1.1 connection of a {@link LoopShard}, used only on the shard's event loop:
 * at most one request in flight (no pipelining). The response is decoded by Netty's {@code
 * HttpResponseDecoder} and read to its end; its status is what counts. A connection that is closed
 * (by the server, a timeout or an error) fails its request as a transport error and is opened
 * again when the next request is sent on it; an attempt that fails fails that request.
 */
@ChannelHandler.Sharable // one channel at a time: a new one replaces a closed one
final class LoopConnection extends ChannelInboundHandlerAdapter {
  private final LoopShard shard;
  private final Bootstrap bootstrap;
  private final InetSocketAddress address;
  private Channel channel;
  private boolean inFlight;
  private long intended;
  private long sentAt;
  private int generation;
  private int status;
  private boolean keepAlive;

  LoopConnection(LoopShard shard, Bootstrap bootstrap, InetSocketAddress address) {
    this.shard = shard;
    this.bootstrap = bootstrap.clone().handler(shard.pipeline(this));
    this.address = address;
  }

  /**
   * Connects ahead of the run (TLS handshake included); {@code done} runs when the attempt is over,
   * whatever its outcome.
   */
  void open(Runnable done) {
    bootstrap.connect(address).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        done.run();
        return;
      }
      channel = f.channel();
      SslHandler tls = channel.pipeline().get(SslHandler.class);
      if (tls == null) {
        done.run();
      } else {
        tls.handshakeFuture().addListener(handshake -> done.run());
      }
    });
  }

  /** Sends {@code request}, due at {@code intended}, for the shard's run {@code generation}. */
  void send(ByteBuf request, long intended, int generation) {
    this.inFlight = true;
    this.intended = intended;
    this.generation = generation;
    this.sentAt = System.nanoTime();
    this.status = 0;
    Channel c = channel;
    if (c != null && c.isActive()) {
      c.writeAndFlush(request, c.voidPromise());
      return;
    }
    channel = null;
    bootstrap.connect(address).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        fail();
      } else if (inFlight) {
        channel = f.channel();
        channel.writeAndFlush(request, channel.voidPromise());
      } else {
        f.channel().close(); // timed out meanwhile
      }
    });
  }

  /** Closes the connection when its request has waited longer than {@code timeoutNanos}. */
  void expireIfOlderThan(long now, long timeoutNanos) {
    if (inFlight && now - sentAt > timeoutNanos && channel != null) {
      channel.close();
    }
  }

  void close() {
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (ctx.channel() != channel || !inFlight) {
        return;
      }
      if (msg instanceof HttpResponse response) {
        if (response.decoderResult().isFailure()) {
          ctx.close();
          return;
        }
        status = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
      }
      if (msg instanceof LastHttpContent) {
        inFlight = false;
        if (!keepAlive) {
          channel = null;
          ctx.close();
        }
        shard.answered(this, intended, System.nanoTime(), status, generation);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (ctx.channel() == channel) {
      channel = null;
      fail();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // the request in flight fails in channelInactive
  }

  private void fail() {
    if (inFlight) {
      inFlight = false;
      shard.failed(this, intended, System.nanoTime(), generation);
    }
  }
}
