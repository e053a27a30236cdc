package nl.hitmachine.bench;

import java.util.concurrent.CompletableFuture;

/**
 * What the load generator sends to. {@link #send} must not wait for the answer: it returns a
 * future that completes with the HTTP status code (or exceptionally on a transport error).
 */
@FunctionalInterface
interface Target {
  CompletableFuture<Integer> send(long index);

  /** A target holding connections, closed when the run is over. */
  interface Closing extends Target, AutoCloseable {
    @Override
    void close();
  }
}
