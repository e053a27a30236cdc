package nl.hitmachine.service.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.hitmachine.service.audit.AuditLeafReader;
import nl.hitmachine.service.audit.AuditVerification;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.merkle.CompactRange;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteVerifier;

/**
 * Verifies a stopped (or copied) audit log directory against its signed checkpoints, offline and
 * with the public verifier key only:
 *
 * <ol>
 *   <li>framing, dense sequence numbers and the hash chain of every segment ({@link
 *       FileAuditLog#verifyDirectory}), naming the first bad entry;
 *   <li>every leaf hash recomputed from the stored payload bytes, and the Merkle root at every
 *       checkpoint size, in one pass with a {@link CompactRange};
 *   <li>every checkpoint file's signature, and its root against the recomputed root at its size;
 *       the first checkpoint that fails is reported;
 *   <li>a checkpoint for more entries than the log holds: entries were removed from the end.
 * </ol>
 *
 * <p>When retention removed the oldest segments (the first segment starts at {@code N > 0}), the
 * leaves of entries {@code 0..N-1} are read from {@value FileAuditLog#LEAF_FILE} instead (their
 * payloads are gone). Leaves from {@code N} on are recomputed from the payloads as always. The
 * retention anchor is the validly signed checkpoint of tree size {@code N} (the retention job signs
 * it before deleting anything), or, if there is none (a crash part-way through deleting the
 * segments), the smallest validly signed checkpoint above {@code N}: its root must match the tree
 * over those leaves, which proves the kept leaf hashes of the removed entries. A missing or
 * mismatching anchor is reported as a {@link Problem.Kind#RETENTION_ANCHOR} problem. The removal
 * must also be recorded: an {@code audit-retention} entry among the kept entries with {@code
 * removedToSequence >= N}; otherwise the segments were deleted by hand ({@link
 * Problem.Kind#UNRECORDED_REMOVAL}).
 */
public final class AuditVerifier {

  /** The files could not be read; nothing can be said about the log. */
  public static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What went wrong. {@code sequence} or {@code checkpointSize} is -1 when it does not apply. */
  public record Problem(Kind kind, long sequence, long checkpointSize, String file, String message) {
    /** The kinds of problem. */
    public enum Kind {
      /** An entry fails framing, sequence or chain checks. */
      BAD_ENTRY,
      /** A checkpoint file's signature (or format, origin, name) is refused. */
      CHECKPOINT_REFUSED,
      /** A validly signed checkpoint's root differs from the tree recomputed from the entries. */
      ROOT_MISMATCH,
      /** A validly signed checkpoint covers more entries than the log holds. */
      ENTRIES_REMOVED,
      /**
       * Entries are missing from the start and no validly signed checkpoint of that size matches
       * the leaf hashes kept for them (the retention anchor is missing, refused or contradicted).
       */
      RETENTION_ANCHOR,
      /**
       * Entries are missing from the start, but no {@code audit-retention} entry in the log records
       * their removal: the segments were deleted other than by retention.
       */
      UNRECORDED_REMOVAL
    }
  }

  /**
   * The outcome.
   *
   * @param entries entries that pass the chain check (all entries when the chain is intact)
   * @param segments segment files found
   * @param checkpointsChecked checkpoint files read (including {@code latest.note})
   * @param latestSignedSize tree size of the newest checkpoint whose signature verified, or -1
   * @param latestSignedRoot its root hash, or {@code null}
   * @param uncovered entries after the newest signed checkpoint (not yet covered by a signature)
   * @param problems what failed, most basic first; empty if the log verified
   * @param removedByRetention entries 0..removedByRetention-1 are no longer stored (removed by
   *     retention); 0 if the log starts at entry 0
   * @param retentionAnchorSize tree size of the signed checkpoint that anchors the removed entries,
   *     or -1 (none removed, or no anchor)
   */
  public record Report(
      Path auditDir,
      Path checkpointDir,
      long entries,
      int segments,
      int checkpointsChecked,
      long latestSignedSize,
      byte[] latestSignedRoot,
      long uncovered,
      List<Problem> problems,
      long removedByRetention,
      long retentionAnchorSize) {
    public boolean verified() {
      return problems.isEmpty();
    }
  }

  private final NoteVerifier verifier;

  public AuditVerifier(NoteVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  /**
   * Verifies the log in {@code auditDir} against the checkpoints in {@code checkpointDir}.
   *
   * @throws UnreadableException if a directory or file cannot be read
   */
  public Report verify(Path auditDir, Path checkpointDir) throws UnreadableException {
    if (!Files.isDirectory(auditDir)) {
      throw new UnreadableException("audit directory " + auditDir + " does not exist or is not a directory", null);
    }
    List<Problem> problems = new ArrayList<>();

    // (1) Framing and hash chain.
    int segments;
    try {
      segments = AuditLeafReader.segmentCount(auditDir);
    } catch (IOException e) {
      throw new UnreadableException("audit directory " + auditDir + " could not be read: " + e.getMessage(), e);
    }
    AuditVerification chain = FileAuditLog.verifyDirectory(auditDir);
    if (!chain.ok()
        && (chain.problem().startsWith("read error") || chain.problem().startsWith("audit log directory could not"))) {
      throw new UnreadableException("audit log could not be read: " + chain.problem(), null);
    }
    long entries = chain.ok() ? chain.entries() : chain.firstBadSequence();
    if (!chain.ok()) {
      problems.add(new Problem(Problem.Kind.BAD_ENTRY, chain.firstBadSequence(), -1, null,
          "entry " + chain.firstBadSequence() + " is bad: " + chain.problem()
              + " (changed, removed or reordered; the " + chain.firstBadSequence() + " entries before it verify)"));
    }

    // (3a) Signatures of every checkpoint file.
    SignedCheckpoints checkpoints = SignedCheckpoints.read(checkpointDir, verifier);
    List<SignedCheckpoints.File> files = checkpoints.files();
    Map<SignedCheckpoints.File, Checkpoint> signed = checkpoints.signed();
    Map<SignedCheckpoints.File, Problem> refused = checkpoints.refused();

    // (2) Leaf hashes from the stored payloads, and the root at every signed size we can reach.
    Map<Long, byte[]> roots = new HashMap<>();
    for (Checkpoint c : signed.values()) {
      if (c.treeSize() <= entries) {
        roots.put(c.treeSize(), null);
      }
    }
    CompactRange range = new CompactRange();
    if (roots.containsKey(0L)) {
      roots.put(0L, range.root());
    }
    // (2a) Entries removed by retention: their leaves exist only in the leaf file.
    long removed = Math.min(chain.firstSequence(), entries);
    if (removed > 0) {
      roots.putIfAbsent(removed, null);
      long stored;
      try {
        stored = AuditLeafReader.readStoredLeaves(auditDir, removed, leaf -> {
          range.append(leaf);
          if (roots.containsKey(range.size())) {
            roots.put(range.size(), range.root());
          }
        });
      } catch (IOException e) {
        throw new UnreadableException("audit leaf hash file could not be read: " + e.getMessage(), e);
      }
      if (stored < removed) {
        problems.add(new Problem(Problem.Kind.RETENTION_ANCHOR, stored, removed, FileAuditLog.LEAF_FILE,
            "entries 0.." + (removed - 1) + " are not in the segments (removed by retention?) but "
                + FileAuditLog.LEAF_FILE + " holds only " + stored + " of their leaf hashes: the removed"
                + " entries cannot be checked against any checkpoint"));
        return new Report(auditDir, checkpointDir, entries, segments, files.size(), -1, null, 0,
            List.copyOf(problems), removed, -1);
      }
    }
    long read;
    long[] recordedRemoval = {0}; // the largest removedToSequence of an audit-retention entry
    try {
      read = AuditLeafReader.readLeaves(auditDir, entries - removed, leaf -> {
        range.append(leaf);
        if (roots.containsKey(range.size())) {
          roots.put(range.size(), range.root());
        }
      }, removedTo -> recordedRemoval[0] = Math.max(recordedRemoval[0], removedTo));
    } catch (IOException e) {
      throw new UnreadableException("audit log could not be read: " + e.getMessage(), e);
    }
    if (read != entries - removed) {
      throw new UnreadableException(
          "audit log changed while it was verified (read " + read + " of " + (entries - removed)
              + " stored entries); verify a stopped log or a copy",
          null);
    }

    // (2b) The retention anchor.
    long anchorSize = -1;
    if (removed > 0) {
      for (Checkpoint c : signed.values()) {
        long size = c.treeSize();
        if (size >= removed && size <= entries && (anchorSize < 0 || size < anchorSize)) {
          anchorSize = size;
        }
      }
      Problem anchor = anchorProblem(removed, anchorSize, anchorSize < 0 ? null : roots.get(anchorSize), signed);
      if (anchor != null) {
        problems.add(anchor);
        anchorSize = -1;
      }
      if (recordedRemoval[0] < removed && chain.ok()) {
        problems.add(new Problem(Problem.Kind.UNRECORDED_REMOVAL, recordedRemoval[0], -1, null,
            "entries " + recordedRemoval[0] + ".." + (removed - 1) + " are not in the segments, but no audit-retention"
                + " entry in the log records their removal: they were deleted other than by retention"));
      }
    }

    // (3b, 4, 5) Roots against the recomputed tree, in increasing size; removed entries at the end.
    long latestSize = -1;
    byte[] latestRoot = null;
    Problem checkpointProblem = null;
    for (SignedCheckpoints.File f : files) {
      Checkpoint c = signed.get(f);
      if (c == null) {
        checkpointProblem = first(checkpointProblem, refused.get(f));
        continue;
      }
      if (c.treeSize() > latestSize) {
        latestSize = c.treeSize();
        latestRoot = c.rootHash();
      }
      if (removed > 0 && c.treeSize() == anchorSize) {
        continue; // the retention anchor, checked above
      }
      if (c.treeSize() < removed) {
        if (!MessageDigest.isEqual(roots.get(c.treeSize()), c.rootHash())) {
          checkpointProblem = first(checkpointProblem, new Problem(Problem.Kind.ROOT_MISMATCH, -1, c.treeSize(), f.name(),
              "checkpoint at tree size " + c.treeSize() + " (" + f.name() + ") has a valid signature but its root does"
                  + " not match the leaf hashes kept in " + FileAuditLog.LEAF_FILE + " for the entries removed by"
                  + " retention: that file was altered"));
        }
      } else if (c.treeSize() <= entries) {
        if (!MessageDigest.isEqual(roots.get(c.treeSize()), c.rootHash())) {
          checkpointProblem = first(checkpointProblem, new Problem(Problem.Kind.ROOT_MISMATCH, -1, c.treeSize(), f.name(),
              "checkpoint at tree size " + c.treeSize() + " (" + f.name() + ") has a valid signature but its root does"
                  + " not match the entries: entries 0.." + (c.treeSize() - 1) + " were altered after it was signed"));
        }
      } else if (chain.ok()) {
        checkpointProblem = first(checkpointProblem, new Problem(Problem.Kind.ENTRIES_REMOVED, entries, c.treeSize(),
            f.name(), "checkpoint " + f.name() + " is signed for tree size " + c.treeSize() + " but the log has only "
                + entries + " entries: " + (c.treeSize() - entries) + " entries were removed from the end (sequence "
                + entries + " on)"));
      }
    }
    if (checkpointProblem != null) {
      problems.add(checkpointProblem);
    }
    long uncovered = chain.ok() ? Math.max(0, entries - Math.max(0, latestSize)) : 0;
    return new Report(auditDir, checkpointDir, entries, segments, files.size(), latestSize, latestRoot, uncovered,
        List.copyOf(problems), removed, anchorSize);
  }

  /**
   * Checks the retention anchor: the validly signed checkpoint of size {@code anchorSize} (the
   * smallest at or above {@code removed}, -1 if there is none) must have the recomputed root.
   */
  private static Problem anchorProblem(long removed, long anchorSize, byte[] root,
      Map<SignedCheckpoints.File, Checkpoint> signed) {
    if (anchorSize < 0) {
      String file = fileName(removed);
      return new Problem(Problem.Kind.RETENTION_ANCHOR, 0, removed, file,
          "entries 0.." + (removed - 1) + " are not in the segments, and no checkpoint of tree size " + removed
              + " or more with a valid signature anchors them (" + file + " is missing or refused): they were"
              + " removed without the retention anchor, or the anchor was lost");
    }
    String file = fileName(anchorSize);
    for (Map.Entry<SignedCheckpoints.File, Checkpoint> e : signed.entrySet()) {
      if (e.getValue().treeSize() == anchorSize) {
        if (MessageDigest.isEqual(e.getValue().rootHash(), root)) {
          return null;
        }
        file = e.getKey().name();
      }
    }
    return new Problem(Problem.Kind.RETENTION_ANCHOR, 0, anchorSize, file,
        "the leaf hashes kept in " + FileAuditLog.LEAF_FILE + " for entries 0.." + (removed - 1)
            + " (removed by retention)" + (anchorSize > removed ? " and the entries up to " + (anchorSize - 1) : "")
            + " do not give the root of the signed anchor checkpoint " + file + ": "
            + FileAuditLog.LEAF_FILE + " was altered" + (anchorSize > removed ? " (or those entries)" : ""));
  }

  private static String fileName(long size) {
    return CheckpointPublisher.fileName(size);
  }

  /** The first problem found wins; later ones are not reported. */
  private static Problem first(Problem found, Problem next) {
    return found != null ? found : next;
  }
}
