package nl.hitmachine.service.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteVerifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hitmachine audit verify}: checks an audit log directory offline against its signed
 * checkpoints with the public verifier key. Exit codes: 0 verified, 1 verification failed, 2 usage,
 * 4 files unreadable.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies an audit log offline: the hash chain of every entry, the Merkle tree recomputed from the"
          + " stored entries, and every signed checkpoint against it. Needs only the public verifier key.",
      "Verifies an audit directory (--audit-dir) or an unfiltered NDJSON export with its checkpoints"
          + " (--export FILE --checkpoints DIR).",
      "Exit codes: 0 verified, 1 verification failed, 2 usage, 4 files unreadable."
    })
public final class AuditVerifyCommand implements Callable<Integer> {
  public static final int VERIFIED = 0;
  public static final int FAILED = 1;
  public static final int UNREADABLE = 4;

  /** Output formats. */
  public enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** What is verified: an audit directory, or an unfiltered NDJSON export. */
  static final class Source {
    @Option(names = "--audit-dir", required = true, paramLabel = "DIR",
        description = "The audit log directory (<data dir>/audit) or a copy of it.")
    Path auditDir;

    @Option(names = "--export", required = true, paramLabel = "FILE",
        description = "An NDJSON export (GET /v1/audit/export, no filters) instead of a directory; needs --checkpoints.")
    Path export;
  }

  @Option(names = "--verifier-key", required = true, paramLabel = "FILE",
      description = "The checkpoint verifier key file (.pub); public, no secret needed.")
  Path verifierKey;

  @Option(names = "--checkpoints", paramLabel = "DIR",
      description = "Directory of signed checkpoints (default: DIR/checkpoints; required with --export).")
  Path checkpoints;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (source.export != null && checkpoints == null) {
      throw new ParameterException(spec.commandLine(),
          "--export needs --checkpoints DIR: the signed checkpoints to verify the export against");
    }
    Path checkpointDir = checkpoints != null ? checkpoints : source.auditDir.resolve("checkpoints");
    NoteVerifier verifier;
    try {
      verifier = NoteKeyFile.loadVerifier(verifierKey);
    } catch (RuntimeException e) {
      return unreadable(out, err, "verifier key not usable: " + e.getMessage()
          + " (give the public .pub file written next to the checkpoint key)");
    }
    AuditVerifier.Report report;
    try {
      report = source.export != null
          ? new ExportVerifier(verifier).verify(source.export, checkpointDir)
          : new AuditVerifier(verifier).verify(source.auditDir, checkpointDir);
    } catch (AuditVerifier.UnreadableException e) {
      return unreadable(out, err, e.getMessage());
    } catch (RuntimeException e) {
      return unreadable(out, err, "audit log could not be read: " + e);
    }
    if (format == Format.json) {
      out.println(json(report(report, verifier)));
    } else {
      out.print(text(report, verifier));
    }
    out.flush();
    return report.verified() ? VERIFIED : FAILED;
  }

  private int unreadable(PrintWriter out, PrintWriter err, String message) {
    if (format == Format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("result", "unreadable");
      m.put("error", message);
      out.println(json(m));
      out.flush();
    } else {
      err.println("audit verify: " + message);
      err.flush();
    }
    return UNREADABLE;
  }

  static String text(AuditVerifier.Report r, NoteVerifier verifier) {
    StringBuilder b = new StringBuilder();
    b.append("audit log:    ").append(r.auditDir()).append('\n');
    b.append("entries:      ").append(r.entries()).append(r.problems().stream().anyMatch(p -> p.kind() == AuditVerifier.Problem.Kind.BAD_ENTRY)
            ? " verified before the first bad entry" : "")
        .append(r.segments() < 0 ? " (export)" : " in " + r.segments() + (r.segments() == 1 ? " segment" : " segments"))
        .append('\n');
    if (r.removedByRetention() > 0) {
      b.append("retention:    entries 0..").append(r.removedByRetention() - 1).append(" removed by retention; ")
          .append(r.retentionAnchorSize() >= 0
              ? "anchored by checkpoint of size " + r.retentionAnchorSize()
              : "NOT anchored by a signed checkpoint")
          .append('\n');
    }
    b.append("checkpoints:  ").append(r.checkpointsChecked()).append(" checked in ").append(r.checkpointDir())
        .append(" (key ").append(verifier.name()).append(")\n");
    if (r.latestSignedSize() >= 0) {
      b.append("latest signed: tree size ").append(r.latestSignedSize()).append(", root ")
          .append(Base64.getEncoder().encodeToString(r.latestSignedRoot())).append('\n');
    } else {
      b.append("latest signed: none (no checkpoint verified; only the hash chain was checked)\n");
    }
    if (r.uncovered() > 0) {
      b.append("not yet covered: ").append(r.uncovered())
          .append(r.uncovered() == 1 ? " entry" : " entries").append(" after the latest signed checkpoint\n");
    }
    if (r.verified()) {
      b.append("result:       VERIFIED\n");
    } else {
      b.append("result:       FAILED: ").append(r.problems().getFirst().message()).append('\n');
      for (AuditVerifier.Problem p : r.problems().subList(1, r.problems().size())) {
        b.append("also:         ").append(p.message()).append('\n');
      }
    }
    return b.toString();
  }

  private static Map<String, Object> report(AuditVerifier.Report r, NoteVerifier verifier) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", r.verified() ? "verified" : "failed");
    m.put("auditDir", r.auditDir().toString());
    m.put("checkpointDir", r.checkpointDir().toString());
    m.put("verifierKey", verifier.verifierKey());
    m.put("entries", r.entries());
    m.put("segments", r.segments() >= 0 ? r.segments() : null);
    m.put("checkpointsChecked", r.checkpointsChecked());
    m.put("latestSignedSize", r.latestSignedSize() >= 0 ? r.latestSignedSize() : null);
    m.put("latestSignedRoot",
        r.latestSignedRoot() != null ? Base64.getEncoder().encodeToString(r.latestSignedRoot()) : null);
    m.put("uncoveredEntries", r.uncovered());
    m.put("removedByRetention", r.removedByRetention());
    m.put("retentionAnchorSize", r.retentionAnchorSize() >= 0 ? r.retentionAnchorSize() : null);
    List<Map<String, Object>> problems = new ArrayList<>();
    for (AuditVerifier.Problem p : r.problems()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("kind", p.kind().name());
      pm.put("sequence", p.sequence() >= 0 ? p.sequence() : null);
      pm.put("checkpointSize", p.checkpointSize() >= 0 ? p.checkpointSize() : null);
      pm.put("file", p.file());
      pm.put("message", p.message());
      problems.add(pm);
    }
    m.put("problems", problems);
    return m;
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
