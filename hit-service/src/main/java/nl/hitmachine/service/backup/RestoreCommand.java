package nl.hitmachine.service.backup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.hitmachine.service.tools.CommandRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hitmachine restore --backup DIR --data-dir DIR}: verifies a backup completely and restores
 * it atomically into an empty or new data directory ({@link Backups#restore}); refuses a damaged or
 * incomplete backup, naming the file or check. Restores no key file: the service must be started
 * with the same key files as the backed-up one.
 */
@Command(
    name = "hitmachine restore",
    mixinStandardHelpOptions = true,
    description = "Verify a backup and restore it into a new, empty data directory.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:restored", "1:backup refused (damaged or incomplete)", "2:usage error",
        "3:data directory exists and is not empty", "4:files unreadable or not writable"})
public final class RestoreCommand implements Callable<Integer> {
  public static final int REFUSED = 1;
  public static final int TARGET_NOT_EMPTY = 3;
  public static final int IO_ERROR = 4;

  @Spec CommandSpec spec;

  @Option(names = "--backup", required = true, description = "backup directory (with manifest.json)")
  Path backup;

  @Option(names = "--data-dir", required = true, description = "storage.dataDir to restore into: new or empty")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      BackupManifest manifest = Backups.restore(backup, dataDir);
      spec.commandLine().getOut().println("restored " + manifest.files().size() + " files into " + dataDir
          + " (backup of " + manifest.created() + ", audit tree size " + manifest.auditTreeSize()
          + "); start hit-service with the original key files");
      return 0;
    } catch (BackupRefusedException e) {
      err.println("restore refused: " + e.getMessage());
      return REFUSED;
    } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
      err.println("restore refused: " + dataDir + " exists and is not an empty directory");
      return TARGET_NOT_EMPTY;
    } catch (IOException e) {
      err.println("restore failed: " + e);
      return IO_ERROR;
    }
  }

  /** Runs {@code hitmachine restore <args>} and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return CommandRunner.run(new RestoreCommand(), args, out, err);
  }

  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }
}
