package nl.hitmachine.service.tools;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteVerificationException;
import nl.hitmachine.service.crypto.NoteVerifier;

/**
 * The checkpoint files of a directory with their signatures checked: numbered checkpoints by size,
 * then {@code latest.note}. A file whose signature, format or name does not hold is refused, with
 * the problem that says why.
 */
record SignedCheckpoints(
    List<SignedCheckpoints.File> files, Map<SignedCheckpoints.File, Checkpoint> signed,
    Map<SignedCheckpoints.File, AuditVerifier.Problem> refused) {
  private static final Pattern CHECKPOINT_NAME = Pattern.compile("checkpoint-(\\d{20})\\.note");

  /** One checkpoint file; {@code namedSize} is -1 for {@code latest.note}. */
  record File(Path path, long namedSize) {
    String name() {
      return path.getFileName().toString();
    }
  }

  /** Reads every checkpoint file in {@code directory} and checks its signature with {@code verifier}. */
  static SignedCheckpoints read(Path directory, NoteVerifier verifier) throws AuditVerifier.UnreadableException {
    if (!Files.isDirectory(directory)) {
      throw new AuditVerifier.UnreadableException(
          "checkpoint directory " + directory + " does not exist or is not a directory", null);
    }
    List<File> files = list(directory);
    Map<File, Checkpoint> signed = new HashMap<>();
    Map<File, AuditVerifier.Problem> refused = new HashMap<>();
    for (File f : files) {
      byte[] note;
      try {
        note = Files.readAllBytes(f.path());
      } catch (IOException e) {
        throw new AuditVerifier.UnreadableException(
            "checkpoint " + f.path() + " could not be read: " + e.getMessage(), e);
      }
      try {
        Checkpoint c = verifier.verifyCheckpoint(note);
        if (f.namedSize() >= 0 && c.treeSize() != f.namedSize()) {
          refused.put(f, refusal(f, "its name says tree size " + f.namedSize()
              + " but it is signed for tree size " + c.treeSize()));
          continue;
        }
        signed.put(f, c);
      } catch (NoteVerificationException e) {
        refused.put(f, refusal(f, e.getMessage()));
      }
    }
    return new SignedCheckpoints(List.copyOf(files), Map.copyOf(signed), Map.copyOf(refused));
  }

  private static AuditVerifier.Problem refusal(File f, String why) {
    return new AuditVerifier.Problem(AuditVerifier.Problem.Kind.CHECKPOINT_REFUSED, -1, f.namedSize(), f.name(),
        "checkpoint " + f.name() + " is refused: " + why);
  }

  private static List<File> list(Path directory) throws AuditVerifier.UnreadableException {
    List<File> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path file : stream) {
        Matcher m = CHECKPOINT_NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          try {
            files.add(new File(file, Long.parseLong(m.group(1))));
          } catch (NumberFormatException e) {
            // 20 digits beyond Long.MAX_VALUE: not one of ours
          }
        }
      }
    } catch (IOException e) {
      throw new AuditVerifier.UnreadableException(
          "checkpoint directory " + directory + " could not be read: " + e.getMessage(), e);
    }
    files.sort(Comparator.comparingLong(File::namedSize));
    Path latest = directory.resolve(CheckpointPublisher.LATEST);
    if (Files.exists(latest)) {
      files.add(new File(latest, -1));
    }
    return files;
  }
}
