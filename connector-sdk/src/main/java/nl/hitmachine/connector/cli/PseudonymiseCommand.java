package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.InvalidBsnException;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hitconnect pseudonymise}: BSNs in, pseudonyms out, one per line in input order, locally
 * and without contacting hit-service. For privacy officers answering a data-subject request and for
 * vendors checking their own implementation against this one.
 *
 * <p>Output line N belongs to input row N (CSV: data row N, after the header): an invalid row gives
 * an empty output line and a report on stderr with its row number and reason, never its content.
 * Streams: memory stays bounded for any input size.
 */
@Command(
    name = "pseudonymise",
    aliases = "pseudonymize",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads BSNs, one per line (or a CSV column with --column), and prints their pseudonyms one per"
          + " line in input order. Nothing is sent anywhere.",
      "An invalid row prints an empty line, so that output line N belongs to input row N, and is"
          + " reported on stderr by row number and reason (never the BSN).",
      "Exit codes: 0 ok, 2 usage, 4 local file problem, 5 invalid rows (unless --skip-invalid)."
    })
final class PseudonymiseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key-dir", required = true, paramLabel = "DIR", description = "The connector's key directory (<kid>.key files, 600).")
  Path keyDir;

  @Option(names = "--kid", paramLabel = "KID", description = "Pseudonymise under this key instead of the primary (the newest).")
  String kid;

  @Option(names = "--all-kids", description = "Print the pseudonyms under every active key, primary first, comma-separated.")
  boolean allKids;

  @Option(names = "--in", paramLabel = "FILE", description = "Read this file instead of standard input.")
  Path in;

  @Option(names = "--column", paramLabel = "NAME", description = "Read CSV: the first line is a header; take the BSN from this column.")
  String column;

  @Option(names = "--delimiter", defaultValue = ";", paramLabel = "CHAR", description = "CSV field separator (default: ${DEFAULT-VALUE}).")
  char delimiter;

  @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET", description = "Input encoding, e.g. windows-1252 (default: ${DEFAULT-VALUE}).")
  Charset encoding;

  @Option(names = "--skip-invalid", description = "Exit 0 even if rows were invalid (they are still reported).")
  boolean skipInvalid;

  @Override
  public Integer call() throws Exception {
    if (kid != null && allKids) {
      throw new ParameterException(spec.commandLine(), "--kid and --all-kids exclude each other");
    }
    PseudonymKeyRing ring = kid == null ? PseudonymKeyRing.load(keyDir) : PseudonymKeyRing.load(keyDir, kid);
    Pseudonymiser pseudonymiser = Pseudonymiser.of(ring);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String source = in == null ? "standard input" : in.toString();
    int invalid = 0;
    try (InputStream stream = in == null ? System.in : Files.newInputStream(in);
        DelimitedText text = new DelimitedText(stream, encoding, source)) {
      int index = -1;
      if (column != null) {
        String header = text.nextLine();
        index = header == null ? -1 : DelimitedText.column(DelimitedText.split(header, delimiter), column);
        if (index < 0) {
          throw new IOException(source + ": the header has no column " + column + " (separator '" + delimiter + "')");
        }
      }
      for (String line = text.nextLine(); line != null; line = text.nextLine()) {
        String value;
        if (index < 0) {
          value = line;
        } else {
          List<String> fields = DelimitedText.split(line, delimiter);
          value = index < fields.size() ? fields.get(index) : null;
        }
        String reason = null;
        String pseudonyms = null;
        if (value == null) {
          reason = "too few fields: no column " + column;
        } else {
          try {
            Bsn bsn = Bsn.parse(value);
            pseudonyms = allKids
                ? String.join(",", pseudonymiser.aliases(bsn))
                : pseudonymiser.pseudonymise(bsn, ring.primary().kid());
          } catch (InvalidBsnException e) {
            reason = e.getMessage();
          }
        }
        if (reason != null) {
          invalid++;
          err.println("hitconnect: " + source + " " + new InvalidRow(text.lineNumber(), reason));
          out.print('\n');
        } else {
          out.print(pseudonyms);
          out.print('\n');
        }
      }
    } finally {
      out.flush();
    }
    if (invalid > 0) {
      err.println("hitconnect: " + invalid + " invalid row" + (invalid == 1 ? "" : "s")
          + (skipInvalid ? " skipped (empty output lines)" : "; their output lines are empty"));
      return skipInvalid ? HitConnect.OK : HitConnect.INVALID_INPUT;
    }
    return HitConnect.OK;
  }
}
