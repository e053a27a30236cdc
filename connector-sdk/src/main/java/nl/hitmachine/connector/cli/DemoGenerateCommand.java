package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.hitmachine.connector.demo.DemoPopulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hitconnect demo generate}: the synthetic city's caseloads as case-system CSV exports, one
 * per agency, plus the Veiligheidshuis screening list and a README with the push commands.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes the synthetic city's caseload of every demo agency as a case-system export"
          + " (caseload-<agency>.csv: ';'-separated, windows-1252, BSN;Einddatum;Dossiernummer;Naam),"
          + " the coordinator's screening list (screening-list.csv: household;bsn) and README.txt"
          + " with the hitconnect push command for each file.",
      "Synthetic data only: never mix it with real data."
    })
final class DemoGenerateCommand implements Callable<Integer> {
  static final String README = "README.txt";
  static final String SCREENING_LIST = "screening-list.csv";

  @ParentCommand DemoCommand demo;

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the files (created if absent; our files in it are replaced).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the synthetic city (default: ${DEFAULT-VALUE}); the same as for demo load gives the same city.")
  long seed;

  @Option(names = "--scale", defaultValue = "1.0", paramLabel = "X", description = "Size of the city relative to 180 000 residents (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The demo day: ages and end dates are relative to it (default: today).")
  LocalDate today;

  /** One file written. */
  private record Written(String agency, String clientId, Path file, int rows) {}

  @Override
  public Integer call() throws IOException {
    if (!(scale > 0 && scale <= 10)) {
      throw new ParameterException(spec.commandLine(), "--scale must be more than 0 and at most 10");
    }
    LocalDate day = today != null ? today : LocalDate.now(demo.root.clock());
    DemoPopulation city = DemoPopulation.generate(seed, scale, day);
    Files.createDirectories(out);

    List<Written> written = new ArrayList<>();
    for (DemoPopulation.Agency agency : city.agencies()) {
      written.add(export(city, agency.code(), agency.code() + "-connector", city.caseload(agency.code())));
    }
    written.add(export(city, DemoPopulation.COORDINATOR_AGENCY, "vh-coordinator", city.coordinatorCaseload()));
    Path screening = writeScreeningList(city);
    Path readme = out.resolve(README);
    Files.writeString(readme, readme(city, day, written), StandardCharsets.UTF_8);

    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT, "Synthetic city (seed %d, scale %s, day %s): %,d households, %,d residents.%n",
        seed, scale, day, city.households().size(), city.residents().size());
    for (Written f : written) {
      w.printf(Locale.ROOT, "  %-32s %,9d rows%n", f.file().getFileName(), f.rows());
    }
    w.printf(
        Locale.ROOT, "  %-32s %,9d households, %,d people%n",
        screening.getFileName(), city.screeningList().size(), city.screeningList().stream().mapToInt(s -> s.members().size()).sum());
    w.println("Written to " + out + "; " + readme.getFileName() + " there shows how to push each file. Synthetic data only.");
    return HitConnect.OK;
  }

  private Written export(DemoPopulation city, String agency, String clientId, List<DemoPopulation.Case> cases)
      throws IOException {
    Path file = out.resolve("caseload-" + agency + ".csv");
    CaseloadExport.write(file, city, cases);
    return new Written(agency, clientId, file, cases.size());
  }

  private Path writeScreeningList(DemoPopulation city) throws IOException {
    Path csv = out.resolve(SCREENING_LIST);
    StringBuilder b = new StringBuilder("household;bsn\n");
    for (DemoPopulation.ScreeningHousehold s : city.screeningList()) {
      for (DemoPopulation.Resident r : s.members()) {
        b.append(s.household().id()).append(';').append(r.bsn().digits()).append('\n');
      }
    }
    Files.deleteIfExists(csv);
    Files.createFile(csv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(csv, b, StandardCharsets.UTF_8);
    return csv;
  }

  /** The push command line for one export, as README.txt shows it. */
  static String pushCommand(Path file, String clientId) {
    return "hitconnect push --url http://127.0.0.1:8080"
        + " --credentials hitmachine-demo/credentials.json --client " + clientId
        + " --key-dir hitmachine-demo/connector-keys"
        + " --csv " + file
        + " --encoding " + CaseloadExport.CHARSET.name()
        + " --delimiter '" + CaseloadExport.DELIMITER + "'"
        + " --bsn-column " + CaseloadExport.BSN_COLUMN
        + " --valid-until-column " + CaseloadExport.END_DATE_COLUMN
        + " --date-format " + CaseloadExport.DATE_PATTERN
        + " --ref-column " + CaseloadExport.REF_COLUMN
        + " --replace";
  }

  private String readme(DemoPopulation city, LocalDate day, List<Written> written) {
    StringBuilder b = new StringBuilder();
    b.append("HITMACHINE DEMO DATA - SYNTHETIC, NOT REAL PEOPLE\n\n");
    b.append("Generated by: hitconnect demo generate --out ").append(out)
        .append(" --seed ").append(seed).append(" --scale ").append(scale).append(" --today ").append(day).append("\n\n");
    b.append("Every BSN, name and case number in these files is made up: the BSNs are random numbers\n")
        .append("that pass the 11-check. Use them for demonstrations and tests only; never mix them with\n")
        .append("real data.\n\n");
    b.append("caseload-<agency>.csv  the caseload of one agency as its case system would export it:\n")
        .append("                       ';'-separated, windows-1252, columns BSN;Einddatum;Dossiernummer;Naam,\n")
        .append("                       end dates as dd-MM-yyyy, BSNs plain, with dots or spaces, or\n")
        .append("                       without the leading zero.\n");
    b.append("screening-list.csv     the Veiligheidshuis screening list (household;bsn), ")
        .append(city.screeningList().size()).append(" households.\n\n");
    b.append("Push each file with hitconnect (java -jar hitmachine-connector-sdk-<version>-cli.jar),\n")
        .append("against hit-service started by bin/demo, which writes hitmachine-demo/credentials.json.\n")
        .append("The federation key demo1 must be in hitmachine-demo/connector-keys: 'hitconnect demo load'\n")
        .append("creates it, or run once:\n\n")
        .append("  hitconnect keygen --kid demo1 --out hitmachine-demo/connector-keys/demo1.key\n\n")
        .append("Check a file without sending anything by adding --dry-run. The commands:\n\n");
    for (Written f : written) {
      b.append("  ").append(pushCommand(f.file(), f.clientId())).append("\n\n");
    }
    b.append("--replace makes the file the agency's complete caseload. Exit code 5 means the file has\n")
        .append("invalid rows (listed with their row numbers) and nothing was sent.\n");
    return b.toString();
  }
}
