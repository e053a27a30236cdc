package nl.hitmachine.service.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Child-process main for {@link FileAuditLogCrashTest}: appends {@link AuditEntries#lookup} entries
 * with up to 32 in flight and prints {@code ACK <seq> <hash>} as each receipt arrives. Stops by
 * itself after {@code maxEntries} entries or {@code maxMillis}.
 *
 * <p>Arguments: directory, maxEntries, maxMillis.
 */
public final class AuditAppendLoop {
  private AuditAppendLoop() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int maxEntries = Integer.parseInt(args[1]);
    long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
    PrintStream out = System.out;
    ArrayDeque<CompletableFuture<AuditReceipt>> inFlight = new ArrayDeque<>();
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      int next = (int) log.size();
      while (next < maxEntries && System.nanoTime() < deadline) {
        inFlight.add(log.append(AuditEntries.lookup(next++)));
        if (inFlight.size() >= 32) {
          ack(out, inFlight.poll());
        }
      }
      while (!inFlight.isEmpty()) {
        ack(out, inFlight.poll());
      }
    }
    out.println("DONE");
    out.flush();
  }

  private static void ack(PrintStream out, CompletableFuture<AuditReceipt> future) {
    AuditReceipt r = future.join();
    out.println("ACK " + r.sequence() + " " + r.entryHash());
    out.flush();
  }
}
