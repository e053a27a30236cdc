package nl.hitmachine.connector.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A request body of NDJSON lines, one per item, produced on demand from an iterator: at most one
 * chunk of about {@value #CHUNK_SIZE} bytes per requested buffer, so memory stays bounded however
 * many items there are. The body length is unknown, so HTTP/1.1 sends it chunked.
 *
 * <p>A <em>restartable</em> publisher asks its supplier for a fresh iterator on each subscription
 * (an {@link Iterable}); a one-shot publisher refuses a new subscription once it has started
 * reading its source, and {@link #canResend()} tells whether it has.
 */
public final class NdjsonBodyPublisher<T> implements HttpRequest.BodyPublisher {
  public static final int CHUNK_SIZE = 64 * 1024;

  /** Writes one item as one JSON value (without the line end). */
  public interface ItemWriter<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  private final Supplier<? extends Iterator<? extends T>> source;
  private final boolean restartable;
  private final ItemWriter<T> writer;
  private volatile boolean started;
  private volatile RuntimeException sourceFailure;

  private NdjsonBodyPublisher(
      Supplier<? extends Iterator<? extends T>> source, boolean restartable, ItemWriter<T> writer) {
    this.source = source;
    this.restartable = restartable;
    this.writer = writer;
  }

  /** Re-reads {@code items} from the start on every subscription (so a request can be resent). */
  public static <T> NdjsonBodyPublisher<T> restartable(Iterable<? extends T> items, ItemWriter<T> writer) {
    return new NdjsonBodyPublisher<>(items::iterator, true, writer);
  }

  /** Reads {@code items} once. */
  public static <T> NdjsonBodyPublisher<T> oneShot(Iterator<? extends T> items, ItemWriter<T> writer) {
    return new NdjsonBodyPublisher<>(() -> items, false, writer);
  }

  /** Whether another request can send this body in full. */
  public boolean canResend() {
    return restartable || !started;
  }

  /**
   * The unchecked exception the item source threw while the body was being sent (for example an
   * invalid item), or {@code null}; the caller should rethrow it rather than the transport error.
   */
  public RuntimeException sourceFailure() {
    return sourceFailure;
  }

  @Override
  public long contentLength() {
    return -1;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    // The JDK may subscribe again (e.g. after a failed connection); a one-shot source is fine then
    // as long as nothing was read from it.
    if (!restartable && started) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      subscriber.onError(new IOException("a one-shot caseload cannot be sent twice"));
      return;
    }
    subscriber.onSubscribe(new ChunkSubscription(subscriber));
  }

  private final class ChunkSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> downstream;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK_SIZE + 4096);
    private volatile boolean cancelled;
    private boolean done;
    private Iterator<? extends T> items;
    private JsonGenerator generator;

    ChunkSubscription(Flow.Subscriber<? super ByteBuffer> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancelled = true;
        downstream.onError(new IllegalArgumentException("non-positive request: " + n));
        return;
      }
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        while (!done && !cancelled && demand.get() > 0) {
          ByteBuffer chunk;
          try {
            chunk = nextChunk();
          } catch (RuntimeException e) {
            done = true;
            sourceFailure = e;
            downstream.onError(e);
            return;
          } catch (IOException e) {
            done = true;
            downstream.onError(e);
            return;
          }
          if (chunk == null) {
            done = true;
            downstream.onComplete();
            return;
          }
          demand.decrementAndGet();
          downstream.onNext(chunk);
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    /** The next chunk of whole lines, or {@code null} at the end. */
    private ByteBuffer nextChunk() throws IOException {
      if (items == null) {
        started = true;
        items = source.get();
        generator = Json.FACTORY.createGenerator(buffer);
        generator.setRootValueSeparator(null);
      }
      while (buffer.size() + generator.getOutputBuffered() < CHUNK_SIZE && items.hasNext()) {
        writer.write(generator, items.next());
        generator.writeRaw('\n');
      }
      generator.flush();
      if (buffer.size() == 0) {
        generator.close();
        return null;
      }
      byte[] bytes = buffer.toByteArray();
      buffer.reset();
      return ByteBuffer.wrap(bytes);
    }
  }
}
