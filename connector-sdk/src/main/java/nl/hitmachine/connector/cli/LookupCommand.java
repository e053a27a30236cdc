package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.BsnLookup;
import nl.hitmachine.connector.BsnLookupResult;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.InvalidBsnException;
import nl.hitmachine.connector.LookupContext;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hitconnect lookup}: which agencies know these persons or households? BSNs are
 * pseudonymised locally under every active kid; the answer is mapped back locally and printed with
 * masked BSNs. Invalid input rows are reported by row number and reason; then nothing is sent
 * unless {@code --skip-invalid}.
 */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Asks hit-service which agencies know persons (--bsn) or households (--households FILE)."
          + " BSNs are pseudonymised here under every active key; only pseudonyms are sent. Every"
          + " lookup is audited with --purpose, --case-ref and --requested-by.",
      "Output shows BSNs masked (last three digits) with their row number; never the full number.",
      "Exit codes: 0 ok, 2 usage, 3 hit-service refused or unreachable, 4 local file problem,"
          + " 5 invalid input rows (nothing sent)."
    })
final class LookupCommand implements Callable<Integer> {
  enum Format {
    table,
    json
  }

  @Spec CommandSpec spec;

  @Mixin ServiceConnection connection;

  @Option(names = "--key-dir", required = true, paramLabel = "DIR", description = "The connector's key directory (<kid>.key files, 600).")
  Path keyDir;

  @Option(names = "--kid", paramLabel = "KID", description = "Primary kid when several keys were created the same day.")
  String kid;

  @Option(names = "--purpose", required = true, paramLabel = "CODE", description = "Purpose code of the lookup, e.g. screening.")
  String purpose;

  @Option(names = "--case-ref", required = true, paramLabel = "REF", description = "Your case reference (never a BSN).")
  String caseRef;

  @Option(names = "--requested-by", required = true, paramLabel = "USER", description = "The person on whose behalf you ask.")
  String requestedBy;

  @Option(names = "--bsn", paramLabel = "BSN", description = "A person to look up; repeatable. Command lines are visible to other local users; for real data prefer --households.")
  List<String> bsns = new ArrayList<>();

  @Option(names = "--households", paramLabel = "FILE", description = "Households to look up: UTF-8 CSV with header household;bsn, one member per row.")
  Path householdsFile;

  @Option(names = "--delimiter", defaultValue = ";", paramLabel = "CHAR", description = "Field separator of --households (default: ${DEFAULT-VALUE}).")
  char delimiter;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--skip-invalid", description = "Skip invalid rows (still reported) and look up the others.")
  boolean skipInvalid;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (bsns.isEmpty() && householdsFile == null) {
      throw new ParameterException(spec.commandLine(), "give --bsn (repeatable) or --households FILE");
    }
    LookupContext context;
    try {
      context = new LookupContext(purpose, caseRef, requestedBy);
    } catch (IllegalArgumentException e) {
      // The messages name the rule, never the value.
      throw new ParameterException(spec.commandLine(), e.getMessage().replace("caseRef", "--case-ref")
          .replace("requestedBy", "--requested-by").replace("purpose", "--purpose"));
    }

    // Input: every problem collected, nothing sent while there is one (unless --skip-invalid).
    List<String> problems = new ArrayList<>();
    Map<Bsn, Integer> persons = new LinkedHashMap<>();
    for (int i = 0; i < bsns.size(); i++) {
      try {
        Integer earlier = persons.putIfAbsent(Bsn.parse(bsns.get(i)), i + 1);
        if (earlier != null) {
          err.println("hitconnect: --bsn " + (i + 1) + ": the same person as --bsn " + earlier + "; asked once");
        }
      } catch (InvalidBsnException e) {
        problems.add("--bsn " + (i + 1) + ": " + e.getMessage());
      }
    }
    ScreeningListFile list =
        householdsFile == null
            ? new ScreeningListFile(List.of(), List.of(), List.of(), List.of())
            : ScreeningListFile.read(householdsFile, delimiter);
    list.invalid().forEach(r -> problems.add(householdsFile + " " + r));
    list.notes().forEach(n -> err.println("hitconnect: " + householdsFile + " " + n));
    problems.forEach(p -> err.println("hitconnect: " + p));
    if (!problems.isEmpty() && !skipInvalid) {
      err.println("hitconnect: " + problems.size() + " invalid input row" + (problems.size() == 1 ? "" : "s")
          + "; nothing was sent. Fix them, or give --skip-invalid to look up the others.");
      return HitConnect.INVALID_INPUT;
    }
    if (persons.isEmpty() && list.households().isEmpty()) {
      err.println("hitconnect: no valid person or household to look up; nothing was sent");
      return HitConnect.INVALID_INPUT;
    }

    PseudonymKeyRing ring = kid == null ? PseudonymKeyRing.load(keyDir) : PseudonymKeyRing.load(keyDir, kid);
    BsnLookupResult result;
    HitmachineClient client = connection.open();
    try (client) {
      BsnLookup lookup = new BsnLookup(Pseudonymiser.of(ring), client);
      result = lookup.lookup(context, List.copyOf(persons.keySet()), list.households());
    } catch (HitmachineProblemException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // E.g. a household larger than one lookup may be; the message names no BSN.
      err.println("hitconnect: " + e.getMessage() + "; nothing was sent");
      return HitConnect.INVALID_INPUT;
    } catch (IOException e) {
      throw new HitConnect.ServiceException(
          "cannot look up at " + connection.describeService() + ": " + HitConnect.describe(e), e);
    }

    LookupReport report = new LookupReport(context, result, List.copyOf(persons.values()), list.memberRows());
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      report.printJson(out);
    } else {
      report.printTable(out);
    }
    return HitConnect.OK;
  }
}
