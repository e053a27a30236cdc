package nl.hitmachine.bench;

import java.util.ArrayList;
import java.util.List;
import nl.hitmachine.connector.HitmachineClient;

/**
 * The mixed scenario's writer: a connector replacing its whole caseload over and over on its own
 * thread while lookups run. {@link #stop()} lets the replace in progress finish.
 */
final class ReplaceLoop implements AutoCloseable {
  /** What the loop did: completed replaces and their durations, and failed ones. */
  record Stats(int completed, int failed, List<Double> seconds) {}

  private final HitmachineClient sdk;
  private final Caseloads caseloads;
  private final Thread thread;
  private final List<Double> seconds = new ArrayList<>();
  private volatile boolean running = true;
  private int failed;
  private String lastError;

  ReplaceLoop(HitmachineClient sdk, Caseloads caseloads) {
    this.sdk = sdk;
    this.caseloads = caseloads;
    this.thread = new Thread(this::loop, "replace-loop");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    long k = 0;
    while (running) {
      try {
        ReplaceCommand.Timed t = ReplaceCommand.replace(sdk, caseloads, k++);
        synchronized (this) {
          seconds.add(t.seconds());
        }
      } catch (Exception e) {
        synchronized (this) {
          failed++;
          lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (e instanceof InterruptedException) {
          return;
        }
      }
    }
  }

  /** Stops after the replace in progress and waits for it. */
  Stats stop() throws InterruptedException {
    running = false;
    thread.join();
    synchronized (this) {
      return new Stats(seconds.size(), failed, List.copyOf(seconds));
    }
  }

  synchronized String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    sdk.close();
  }
}
