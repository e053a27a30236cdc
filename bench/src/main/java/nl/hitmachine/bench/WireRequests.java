package nl.hitmachine.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The workload's requests as the bytes that go on the wire, encoded once before the clock starts:
 * per distinct body one direct buffer with the HTTP/1.1 request line, the headers (Host,
 * Content-Type, Content-Length, Authorization) and the body — or one GET when the workload has no
 * bodies. {@link #request} hands out a read-only view of it (no copy, no reference counting); the
 * buffers are freed by {@link #close}.
 */
final class WireRequests implements AutoCloseable {
  private final ByteBuf[] encoded;
  private final ByteBuf[] views;

  WireRequests(URI target, Workload workload, Optional<String> authorization) {
    String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    String host = target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "");
    int n = workload.bodies().isEmpty() ? 1 : workload.bodies().size();
    this.encoded = new ByteBuf[n];
    this.views = new ByteBuf[n];
    for (int i = 0; i < n; i++) {
      byte[] body = workload.body(i);
      StringBuilder head = new StringBuilder(256);
      if (body == null) {
        head.append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n\r\n");
      } else {
        head.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
            .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        authorization.ifPresent(a -> head.append("Authorization: ").append(a).append("\r\n"));
        head.append("\r\n");
      }
      byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      ByteBuf buf = Unpooled.directBuffer(headBytes.length + (body == null ? 0 : body.length));
      buf.writeBytes(headBytes);
      if (body != null) {
        buf.writeBytes(body);
      }
      encoded[i] = buf;
      views[i] = Unpooled.unreleasableBuffer(buf.asReadOnly());
    }
  }

  /** The bytes of request {@code index} (body {@code index mod distinct}), to be written once. */
  ByteBuf request(long index) {
    return views[(int) Math.floorMod(index, (long) views.length)].duplicate();
  }

  @Override
  public void close() {
    for (ByteBuf b : encoded) {
      b.release();
    }
  }
}
