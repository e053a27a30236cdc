package nl.hitmachine.bench;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;

/**
 * The Netty transport of the event-loop generator. Its timers decide how close to its due time a
 * request goes out: epoll's (timerfd) are microsecond-precise; NIO's selector waits in whole
 * milliseconds, which adds up to 1 ms to a request's (counted) latency.
 */
enum LoopTransport {
  epoll,
  nio;

  /** {@code auto}: epoll where Netty's native library loads, else NIO. */
  static LoopTransport choose(String option) {
    return switch (option.toLowerCase(Locale.ROOT)) {
      case "auto" -> Epoll.isAvailable() ? epoll : nio;
      case "epoll" -> {
        if (!Epoll.isAvailable()) {
          throw new IllegalStateException("the epoll transport does not load here: " + Epoll.unavailabilityCause());
        }
        yield epoll;
      }
      case "nio" -> nio;
      default -> throw new IllegalArgumentException("transport must be auto, epoll or nio, not " + option);
    };
  }

  IoHandlerFactory ioHandlers() {
    return this == epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  Class<? extends SocketChannel> channelType() {
    return this == epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
