package nl.hitmachine.service.backup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.index.RocksDbHitIndex;
import nl.hitmachine.service.tools.CommandRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hitmachine backup --data-dir DIR --out DIR}: a backup of the data directory of a
 * <em>stopped</em> hit-service ({@link Backups#create}). A running service holds the locks of the
 * index and the audit log; this command then fails, and the running service's own {@code
 * HitService.backup} is the online path. Reads no key file.
 */
@Command(
    name = "hitmachine backup",
    mixinStandardHelpOptions = true,
    description = "Back up the index and audit log of a stopped hit-service (no key files).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:backup written", "1:backup failed (e.g. the service is running)", "2:usage error"})
public final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", required = true, description = "storage.dataDir of the stopped service")
  Path dataDir;

  @Option(names = "--out", required = true, description = "backup directory to create (must not exist)")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dataDir.resolve("index")) || !Files.isDirectory(dataDir.resolve("audit"))) {
      err.println("backup failed: " + dataDir + " is not a hit-service data directory (no index/ and audit/)");
      return 1;
    }
    if (Files.exists(out)) {
      err.println("backup failed: " + out + " exists");
      return 1;
    }
    try (RocksDbHitIndex index = RocksDbHitIndex.open(dataDir.resolve("index"), Clock.systemUTC());
        FileAuditLog audit = FileAuditLog.open(dataDir.resolve("audit"))) {
      BackupManifest manifest = Backups.create(index, audit, dataDir.resolve("audit"), out, Clock.systemUTC());
      spec.commandLine().getOut().println("backup written to " + out + ": " + manifest.files().size()
          + " files, audit tree size " + manifest.auditTreeSize());
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("backup failed (is hit-service still running? it locks the data directory): " + e.getMessage());
      return 1;
    }
  }

  /** Runs {@code hitmachine backup <args>} and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return CommandRunner.run(new BackupCommand(), args, out, err);
  }

  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }
}
