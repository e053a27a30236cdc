package nl.hitmachine.service.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.hitmachine.service.audit.AuditEntryCodec;
import nl.hitmachine.service.audit.merkle.CompactRange;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteVerifier;
import nl.hitmachine.service.tools.AuditVerifier.Problem;
import nl.hitmachine.service.tools.AuditVerifier.Report;
import nl.hitmachine.service.tools.AuditVerifier.UnreadableException;

/**
 * Verifies an NDJSON audit export ({@code GET /v1/audit/export} without filters) offline against
 * signed checkpoints, with the public verifier key only:
 *
 * <ol>
 *   <li>every line is an entry: its canonical bytes are recomputed ({@link AuditEntryCodec}, the
 *       {@code entryHash} field set aside), sequence numbers must run 0, 1, 2, … without a gap,
 *       and the hash chain {@code entryHash_n = SHA-256(entryHash_{n-1} ‖ canonical_n)} must hold —
 *       so a changed, deleted or reordered line is named by its sequence number;
 *   <li>the RFC 6962 tree of the canonical entries is recomputed, and every validly signed
 *       checkpoint of a size the export covers must have its root.
 * </ol>
 *
 * <p>Checkpoints for more entries than the export holds are not compared (the log went on after the
 * export). A filtered export, or one that does not start at entry 0 (entries removed by retention),
 * cannot be checked this way: verify the audit directory instead.
 */
public final class ExportVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final NoteVerifier verifier;

  public ExportVerifier(NoteVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  /** Verifies {@code export} against the checkpoints in {@code checkpointDir}. */
  public Report verify(Path export, Path checkpointDir) throws UnreadableException {
    if (!Files.isRegularFile(export)) {
      throw new UnreadableException("export " + export + " does not exist or is not a file", null);
    }
    SignedCheckpoints checkpoints = SignedCheckpoints.read(checkpointDir, verifier);
    Map<Long, byte[]> roots = new HashMap<>();
    checkpoints.signed().values().forEach(c -> roots.put(c.treeSize(), null));

    List<Problem> problems = new ArrayList<>();
    CompactRange range = new CompactRange();
    if (roots.containsKey(0L)) {
      roots.put(0L, range.root());
    }
    MessageDigest sha = sha256();
    byte[] chain = new byte[32];
    long entries = 0;
    try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line; (line = lines.readLine()) != null; ) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String bad = checkLine(line, lineNumber, entries, chain, sha, range);
        if (bad != null) {
          problems.add(new Problem(Problem.Kind.BAD_ENTRY, entries, -1, null, bad));
          break;
        }
        entries++;
        if (roots.containsKey(entries)) {
          roots.put(entries, range.root());
        }
      }
    } catch (IOException e) {
      throw new UnreadableException("export " + export + " could not be read: " + e.getMessage(), e);
    }

    long latestSize = -1;
    byte[] latestRoot = null;
    Problem checkpointProblem = null;
    for (SignedCheckpoints.File f : checkpoints.files()) {
      Checkpoint c = checkpoints.signed().get(f);
      if (c == null) {
        checkpointProblem = checkpointProblem != null ? checkpointProblem : checkpoints.refused().get(f);
        continue;
      }
      if (c.treeSize() > entries) {
        continue; // the log went on after the export
      }
      if (c.treeSize() > latestSize) {
        latestSize = c.treeSize();
        latestRoot = c.rootHash();
      }
      if (!MessageDigest.isEqual(roots.get(c.treeSize()), c.rootHash()) && checkpointProblem == null) {
        checkpointProblem = new Problem(Problem.Kind.ROOT_MISMATCH, -1, c.treeSize(), f.name(),
            "checkpoint at tree size " + c.treeSize() + " (" + f.name() + ") has a valid signature but its root does"
                + " not match the exported entries 0.." + (c.treeSize() - 1) + ": they differ from what was signed");
      }
    }
    if (checkpointProblem != null) {
      problems.add(checkpointProblem);
    }
    long uncovered = problems.isEmpty() ? entries - Math.max(0, latestSize) : 0;
    return new Report(export, checkpointDir, entries, -1, checkpoints.files().size(), latestSize, latestRoot,
        uncovered, List.copyOf(problems), 0, -1);
  }

  /**
   * Checks one line as entry {@code expected}; on success advances {@code chain} and {@code range}.
   *
   * @return what is wrong with it, or {@code null}
   */
  private static String checkLine(
      String line, int lineNumber, long expected, byte[] chain, MessageDigest sha, CompactRange range) {
    String where = "entry " + expected + " (line " + lineNumber + ")";
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return where + " is not JSON";
    }
    if (!(node instanceof ObjectNode object) || !object.path("entryHash").isTextual()) {
      return where + " is not an exported entry (an object with entryHash)";
    }
    byte[] stated;
    try {
      stated = HEX.parseHex(object.remove("entryHash").asText());
    } catch (IllegalArgumentException e) {
      return where + " has an entryHash that is not hex";
    }
    AuditEntryCodec.Decoded decoded;
    try {
      decoded = AuditEntryCodec.decode(JSON.writeValueAsBytes(object));
    } catch (IOException e) {
      return where + " is not a valid audit entry: " + e.getMessage();
    }
    if (decoded.sequence() != expected) {
      return expected == 0 && decoded.sequence() > 0
          ? "the export starts at entry " + decoded.sequence() + ", not 0: entries before it are not in it (a filtered"
              + " export, or entries removed by retention); export without filters, or verify the audit directory"
          : where + " is missing: the next line holds entry " + decoded.sequence()
              + " (a line was removed or moved, or the export was filtered)";
    }
    byte[] canonical = AuditEntryCodec.encode(decoded.sequence(), decoded.entry());
    sha.reset();
    sha.update(chain);
    sha.update(canonical);
    byte[] next = sha.digest();
    if (!MessageDigest.isEqual(next, stated)) {
      return where + " is bad: its entryHash does not follow from the entries before it and its content"
          + " (changed, removed or reordered; the " + expected + " entries before it verify)";
    }
    System.arraycopy(next, 0, chain, 0, chain.length);
    sha.reset();
    sha.update((byte) 0x00);
    sha.update(canonical);
    range.append(sha.digest());
    return null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
