package nl.hitmachine.service.logging;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines to a stream on its own daemon thread ({@code request-log}), so the thread that
 * produces a line (an event loop) never waits for the stream (a full pipe, a slow terminal). The
 * queue is bounded: when it is full a line is dropped and counted ({@link #dropped()}), never
 * waited for. {@link #close()} writes what is queued and stops the thread.
 */
public final class LineWriter implements AutoCloseable {
  private static final String STOP = new String("stop"); // identity marks the end of the queue

  private final BlockingQueue<String> queue;
  private final PrintStream out;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  public LineWriter(PrintStream out, int capacity) {
    this.out = out;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofPlatform().name("request-log").daemon(true).start(this::run);
  }

  /** Queues {@code line} (without its line end); drops it when the queue is full or closed. */
  public void write(String line) {
    if (closed || !queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  /** Lines dropped because the queue was full (or the writer closed). */
  public long dropped() {
    return dropped.get();
  }

  private void run() {
    List<String> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch);
        for (String line : batch) {
          if (line == STOP) {
            out.flush();
            return;
          }
          out.println(line);
        }
        batch.clear();
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes every queued line (waiting at most 5 s) and stops. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (queue.offer(STOP, 5, TimeUnit.SECONDS)) {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
