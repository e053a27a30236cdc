package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.function.Function;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.Registration;
import nl.hitmachine.connector.ReplaceResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hitconnect push}: validates a case-system CSV export and pushes it as pseudonymised
 * registrations. Two streaming passes over the file: first every row is checked (nothing is sent
 * if a row is invalid, unless {@code --skip-invalid}), then the valid rows are pseudonymised and
 * sent. No BSN is ever printed or sent.
 */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Pushes the caseload in a case-system CSV export to hit-service. BSNs are pseudonymised"
          + " here with the primary key of --key-dir; only pseudonyms are sent.",
      "All rows are checked first. Invalid rows are reported on stderr with their row number and"
          + " the reason (never the BSN); if there are any, nothing is sent (exit 5) unless"
          + " --skip-invalid is given.",
      "Without --replace the rows are registered (added or updated) in batches; with --replace"
          + " the file becomes the agency's complete caseload: whoever is not in it is removed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (rows sent, or --dry-run found no invalid rows)",
      "2:usage error (also: a named column is not in the header)",
      "3:hit-service refused the request or could not be reached",
      "4:local file problem (CSV, key, token or credentials file)",
      "5:invalid rows found: nothing was sent"
    })
final class PushCommand implements Callable<Integer> {
  @ParentCommand HitConnect root;

  @Spec CommandSpec spec;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The export: a header line, then one row per case.")
  Path csv;

  @Option(names = "--bsn-column", required = true, paramLabel = "NAME", description = "Header name of the BSN column (case-insensitive).")
  String bsnColumn;

  @Option(names = "--valid-until-column", paramLabel = "NAME", description = "Header name of the end-date column; empty cells get the service default (12 months).")
  String validUntilColumn;

  @Option(names = "--date-format", defaultValue = "yyyy-MM-dd", paramLabel = "PATTERN", description = "Pattern of the end dates, e.g. dd-MM-yyyy (default: ${DEFAULT-VALUE}).")
  String dateFormat;

  @Option(names = "--ref-column", paramLabel = "NAME", description = "Header name of the case-reference column (own case number, at most 64 characters, never a BSN).")
  String refColumn;

  @Option(names = "--delimiter", defaultValue = ";", paramLabel = "CHAR", description = "Field separator; 'tab' or '\\t' for a tab (default: ${DEFAULT-VALUE}).")
  String delimiter;

  @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET", description = "The file's encoding, e.g. windows-1252 (default: ${DEFAULT-VALUE}); a UTF-8 byte order mark is skipped.")
  String encoding;

  @Option(names = "--replace", description = "Replace the agency's complete caseload with the file (streamed); otherwise register the rows.")
  boolean replace;

  @Option(names = "--skip-invalid", description = "Send the valid rows even if some rows are invalid.")
  boolean skipInvalid;

  @Option(names = "--dry-run", description = "Only check the file; send nothing (no service, token or key needed).")
  boolean dryRun;

  @Mixin ServiceConnection connection;

  @Option(names = "--key-dir", paramLabel = "DIR", description = "The connector's key directory (<kid>.key files, 600); the primary key is used.")
  Path keyDir;

  /** Where to send, with what. */
  private record Target(HitmachineClient client, Pseudonymiser pseudonymiser, String service) {}

  /** What the checking pass found. */
  private record Check(long rows, long valid, long invalid, long duplicates) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CsvInput input = new CsvInput(delimiterChar(), charset());
    ColumnMapping.Names names = new ColumnMapping.Names(bsnColumn, validUntilColumn, refColumn);
    LocalDate today = LocalDate.now(root.clock());
    checkDatePattern();
    Function<ColumnMapping, CaseloadRowRules> rules = columns -> new CaseloadRowRules(columns, dateFormat, today);
    Target target = dryRun ? null : target();
    if (!Files.isRegularFile(csv)) {
      throw new IOException("no such CSV file: " + csv);
    }
    if (CsvInput.hasUtf8Bom(csv) && !input.charset().equals(StandardCharsets.UTF_8)) {
      err.println("hitconnect: " + csv + " starts with a UTF-8 byte order mark; reading it as UTF-8, not " + input.charset().name());
    }

    PushProgress progress = new PushProgress(err, System.console() != null, System::nanoTime);
    Check check = checkFile(input, names, rules, progress, err);
    out.printf(
        Locale.ROOT, "Read %,d rows from %s: %,d valid, %,d invalid, %,d duplicate BSNs (the later row wins).%n",
        check.rows(), csv, check.valid(), check.invalid(), check.duplicates());
    if (check.invalid() > 0 && !skipInvalid) {
      err.printf(
          Locale.ROOT, "hitconnect: %,d invalid rows; nothing was sent. Correct them, or give --skip-invalid to send the %,d valid rows.%n",
          check.invalid(), check.valid());
      return HitConnect.INVALID_INPUT;
    }
    if (dryRun) {
      out.println("Dry run: nothing was sent.");
      return HitConnect.OK;
    }
    if (check.valid() == 0) {
      if (replace) {
        throw new IOException(
            "CSV file " + csv + " has no valid rows; refusing to replace the caseload with an empty one");
      }
      out.println("Nothing to send.");
      return HitConnect.OK;
    }
    try (HitmachineClient client = target.client()) {
      if (replace) {
        ReplacePass pass = new ReplacePass(input, names, rules, target.pseudonymiser(), progress, check.valid());
        ReplaceResult result;
        try {
          result = client.replaceCaseload(pass);
        } finally {
          pass.closeAll();
          progress.finish();
        }
        out.printf(
            Locale.ROOT, "Sent %,d registrations as the complete caseload: hit-service added %,d, removed %,d, kept %,d.%n",
            pass.sent(), result.added(), result.removed(), result.kept());
      } else {
        long[] counts = register(client, input, names, rules, target.pseudonymiser(), progress, check.valid());
        out.printf(Locale.ROOT, "Sent %,d registrations: hit-service upserted %,d.%n", counts[0], counts[1]);
      }
    } catch (HitmachineProblemException e) {
      throw refused(e, check.invalid() == 0);
    } catch (IOException e) {
      // File failures during sending arrive as FileFailure (unchecked); this is the network.
      throw unreachable(target, e);
    }
    return HitConnect.OK;
  }

  private Check checkFile(
      CsvInput input,
      ColumnMapping.Names names,
      Function<ColumnMapping, CaseloadRowRules> rules,
      PushProgress progress,
      PrintWriter err)
      throws IOException {
    long valid = 0;
    long invalid = 0;
    DuplicateCounter duplicates = new DuplicateCounter();
    ReasonTally reasons = new ReasonTally();
    progress.start("checking", 0);
    try (CaseloadFile file = open(input, names, rules)) {
      while (file.hasNext()) {
        CaseloadRow row = file.next();
        if (row instanceof CaseloadRow.Invalid bad) {
          invalid++;
          progress.finish();
          err.println("row " + bad.row() + " (line " + bad.line() + "): " + bad.reason());
          reasons.add(bad.reason());
        } else if (row instanceof CaseloadRow.Valid good) {
          valid++;
          duplicates.add(good.bsn());
        }
        progress.update(file.rowsRead());
      }
      progress.finish();
      if (invalid > 0) {
        reasons.print(err);
      }
      return new Check(file.rowsRead(), valid, invalid, duplicates.duplicates());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private CaseloadFile open(CsvInput input, ColumnMapping.Names names, Function<ColumnMapping, CaseloadRowRules> rules)
      throws IOException {
    try {
      return CaseloadFile.open(csv, input, names, rules);
    } catch (ColumnMapping.MissingColumnException e) {
      throw new ParameterException(spec.commandLine(), "CSV file " + csv + ": " + e.getMessage());
    }
  }

  /** Registers the valid rows in batches; returns {sent, upserted}. */
  private long[] register(
      HitmachineClient client,
      CsvInput input,
      ColumnMapping.Names names,
      Function<ColumnMapping, CaseloadRowRules> rules,
      Pseudonymiser pseudonymiser,
      PushProgress progress,
      long total) {
    long sent = 0;
    long upserted = 0;
    List<Registration> batch = new ArrayList<>(HitmachineClient.MAX_BATCH_SIZE);
    long[] batchRows = new long[HitmachineClient.MAX_BATCH_SIZE];
    progress.start("sending", total);
    try (CaseloadFile file = open(input, names, rules)) {
      while (file.hasNext()) {
        CaseloadRow.Valid row = validOrSkip(file.next());
        if (row == null) {
          continue;
        }
        batchRows[batch.size()] = row.row();
        batch.add(new Registration(pseudonymiser.pseudonymise(row.bsn()), row.validUntil(), row.ref()));
        if (batch.size() == HitmachineClient.MAX_BATCH_SIZE) {
          upserted += send(client, batch, batchRows);
          sent += batch.size();
          batch.clear();
          progress.update(sent);
        }
      }
      if (!batch.isEmpty()) {
        upserted += send(client, batch, batchRows);
        sent += batch.size();
      }
    } catch (IOException e) {
      throw new FileFailure(e);
    } catch (FileFailure e) {
      throw e;
    } catch (UncheckedIOException e) {
      throw new FileFailure(e.getCause());
    } finally {
      progress.finish();
    }
    return new long[] {sent, upserted};
  }

  private HitConnect.ServiceException unreachable(Target target, IOException e) {
    return new HitConnect.ServiceException("cannot push to " + target.service() + ": " + HitConnect.describe(e), e);
  }

  private long send(HitmachineClient client, List<Registration> batch, long[] batchRows) {
    try {
      return client.register(batch);
    } catch (IOException e) {
      throw new HitConnect.ServiceException("cannot push to hit-service: " + HitConnect.describe(e), e);
    } catch (HitmachineProblemException e) {
      PrintWriter err = spec.commandLine().getErr();
      e.errors().stream()
          .filter(i -> i.index() != null && i.index() >= 0 && i.index() < batch.size())
          .limit(20)
          .forEach(i -> err.println("row " + batchRows[(int) (long) i.index()] + ": refused by hit-service: " + i.detail()));
      throw new HitConnect.ServiceException(
          "hit-service refused a batch of registrations: " + e.getMessage()
              + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")")
              + "; the batches before it stay registered, and pushing the file again is safe",
          e);
    }
  }

  private HitConnect.ServiceException refused(HitmachineProblemException e, boolean linesAreRows) {
    PrintWriter err = spec.commandLine().getErr();
    e.errors().stream()
        .limit(20)
        .forEach(
            i -> {
              if (i.line() != null) {
                err.println(
                    (linesAreRows ? "row " + i.line() : "valid row no. " + i.line())
                        + ": refused by hit-service: " + i.detail());
              } else {
                err.println("refused by hit-service: " + i.detail());
              }
            });
    return new HitConnect.ServiceException(
        "hit-service refused the caseload: " + e.getMessage()
            + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")") + "; nothing was changed",
        e);
  }

  /** The row if it is valid; null for an invalid row when they are skipped. */
  private CaseloadRow.Valid validOrSkip(CaseloadRow row) {
    if (row instanceof CaseloadRow.Valid valid) {
      return valid;
    }
    if (skipInvalid) {
      return null;
    }
    throw new FileFailure(new IOException("CSV file " + csv + " changed while it was being pushed (row " + row.row() + " is now invalid)"));
  }

  /** A local file failed during sending: exit 4, not 3. */
  static final class FileFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    FileFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * The valid rows as registrations, for a streamed replace. Each iteration reads the file anew
   * (the client iterates again when it retries); every file opened is closed by {@link #closeAll}.
   */
  private final class ReplacePass implements Iterable<Registration> {
    private final CsvInput input;
    private final ColumnMapping.Names names;
    private final Function<ColumnMapping, CaseloadRowRules> rules;
    private final Pseudonymiser pseudonymiser;
    private final PushProgress progress;
    private final long total;
    private final List<CaseloadFile> opened = new ArrayList<>();
    private long sent;

    ReplacePass(
        CsvInput input,
        ColumnMapping.Names names,
        Function<ColumnMapping, CaseloadRowRules> rules,
        Pseudonymiser pseudonymiser,
        PushProgress progress,
        long total) {
      this.input = input;
      this.names = names;
      this.rules = rules;
      this.pseudonymiser = pseudonymiser;
      this.progress = progress;
      this.total = total;
    }

    long sent() {
      return sent;
    }

    @Override
    public synchronized Iterator<Registration> iterator() {
      CaseloadFile file;
      try {
        file = open(input, names, rules);
      } catch (IOException e) {
        throw new FileFailure(e);
      }
      opened.add(file);
      sent = 0;
      progress.start("sending", total);
      return new Iterator<>() {
        private CaseloadRow.Valid next;

        @Override
        public boolean hasNext() {
          while (next == null && file.hasNext()) {
            next = validOrSkip(file.next());
          }
          return next != null;
        }

        @Override
        public Registration next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          CaseloadRow.Valid row = next;
          next = null;
          sent++;
          progress.update(sent);
          return new Registration(pseudonymiser.pseudonymise(row.bsn()), row.validUntil(), row.ref());
        }
      };
    }

    synchronized void closeAll() {
      try {
        for (CaseloadFile file : opened) {
          file.close();
        }
      } catch (IOException e) {
        throw new FileFailure(e);
      } finally {
        opened.clear();
      }
    }
  }

  private char delimiterChar() {
    String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
    if (d.length() != 1 || d.equals("\"") || d.equals("\n") || d.equals("\r")) {
      throw new ParameterException(spec.commandLine(), "--delimiter must be one character (not a quote), or 'tab'");
    }
    return d.charAt(0);
  }

  private Charset charset() {
    try {
      return Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ParameterException(spec.commandLine(), "--encoding: unknown character set '" + encoding + "' (e.g. UTF-8, windows-1252)");
    }
  }

  private void checkDatePattern() {
    if (validUntilColumn == null) {
      return;
    }
    try {
      CaseloadRowRules.dateFormatter(dateFormat);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--date-format: not a date pattern: " + e.getMessage());
    }
  }

  private Target target() throws IOException {
    if (keyDir == null) {
      throw new ParameterException(spec.commandLine(), "--key-dir is required (unless --dry-run)");
    }
    Pseudonymiser pseudonymiser = Pseudonymiser.of(PseudonymKeyRing.load(keyDir));
    return new Target(connection.open(), pseudonymiser, connection.describeService());
  }

}
