package nl.hitmachine.connector.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;
import nl.hitmachine.connector.Agency;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.BsnLookupResult;
import nl.hitmachine.connector.HouseholdAnswer;
import nl.hitmachine.connector.LookupContext;
import nl.hitmachine.connector.PersonAnswer;

/**
 * Prints the answer of {@code hitconnect lookup} as a table for people or as JSON for programs.
 * Neither ever contains a full BSN: a person is shown {@linkplain #mask masked} with the row of the
 * household file (or the position of {@code --bsn}) it came from, so the caller can find it in its
 * own data.
 *
 * @param personArgs for each answered person, its 1-based position among the {@code --bsn} options
 * @param memberRows per household, the row number of each member
 */
record LookupReport(
    LookupContext context, BsnLookupResult result, List<Integer> personArgs, List<List<Integer>> memberRows) {
  static final String NOT_KNOWN = "not known";
  static final String WITHHELD = "no answer (no legitimate relation)";

  /** The last three digits only, e.g. {@code ******782}. */
  static String mask(Bsn bsn) {
    return "******" + bsn.digits().substring(6);
  }

  void printTable(PrintWriter w) {
    w.println("Lookup for case " + context.caseRef() + " (purpose " + context.purpose() + ", requested by "
        + context.requestedBy() + ")");
    w.println("Lookup id" + (result.lookupIds().size() == 1 ? "" : "s") + ": " + String.join(", ", result.lookupIds()));
    for (int i = 0; i < result.households().size(); i++) {
      HouseholdAnswer h = result.households().get(i);
      w.println();
      w.println("Household " + h.ref() + "  SIGNAL " + (h.signal() ? "yes" : "no") + "  domains: "
          + (h.domains().isEmpty() ? "none" : String.join(", ", h.domains())));
      w.println("  agencies: " + codes(h.agencies(), "none"));
      for (int j = 0; j < h.members().size(); j++) {
        w.printf("  row %-5d %s  %s%n", memberRows.get(i).get(j), mask(h.members().get(j).bsn()), answer(h.members().get(j)));
      }
    }
    if (!result.persons().isEmpty()) {
      w.println();
      w.println("Persons");
      for (int i = 0; i < result.persons().size(); i++) {
        PersonAnswer p = result.persons().get(i);
        w.printf("  --bsn %-3d %s  %s%n", personArgs.get(i), mask(p.bsn()), answer(p));
      }
    }
    long asked = result.persons().size() + result.households().stream().mapToLong(h -> h.members().size()).sum();
    long known =
        result.persons().stream().filter(PersonAnswer::known).count()
            + result.households().stream().flatMap(h -> h.members().stream()).filter(PersonAnswer::known).count();
    w.println();
    w.printf(
        "%d household%s (%d with SIGNAL), %d person%s asked about, %d known.%n",
        result.households().size(),
        result.households().size() == 1 ? "" : "s",
        result.households().stream().filter(HouseholdAnswer::signal).count(),
        asked,
        asked == 1 ? "" : "s",
        known);
  }

  void printJson(Writer w) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("purpose", context.purpose());
      g.writeStringField("caseRef", context.caseRef());
      g.writeStringField("requestedBy", context.requestedBy());
      g.writeArrayFieldStart("lookupIds");
      for (String id : result.lookupIds()) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("households");
      for (int i = 0; i < result.households().size(); i++) {
        HouseholdAnswer h = result.households().get(i);
        g.writeStartObject();
        g.writeStringField("ref", h.ref());
        g.writeBooleanField("signal", h.signal());
        g.writeArrayFieldStart("domains");
        for (String d : h.domains()) {
          g.writeString(d);
        }
        g.writeEndArray();
        writeAgencies(g, h.agencies());
        g.writeArrayFieldStart("members");
        for (int j = 0; j < h.members().size(); j++) {
          writePerson(g, "row", memberRows.get(i).get(j), h.members().get(j));
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("persons");
      for (int i = 0; i < result.persons().size(); i++) {
        writePerson(g, "bsnOption", personArgs.get(i), result.persons().get(i));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    w.write(System.lineSeparator());
    w.flush();
  }

  private static void writePerson(JsonGenerator g, String positionField, int position, PersonAnswer p) throws IOException {
    g.writeStartObject();
    g.writeNumberField(positionField, position);
    g.writeStringField("bsn", mask(p.bsn()));
    g.writeBooleanField("known", p.known());
    g.writeBooleanField("permitted", p.permitted());
    writeAgencies(g, p.agencies());
    g.writeEndObject();
  }

  private static void writeAgencies(JsonGenerator g, List<Agency> agencies) throws IOException {
    g.writeArrayFieldStart("agencies");
    for (Agency a : agencies) {
      g.writeStartObject();
      g.writeStringField("code", a.code());
      if (a.name() != null) {
        g.writeStringField("name", a.name());
      }
      if (a.domain() != null) {
        g.writeStringField("domain", a.domain());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static String answer(PersonAnswer p) {
    if (!p.permitted()) {
      return WITHHELD;
    }
    return p.known() ? codes(p.agencies(), "known") : NOT_KNOWN;
  }

  private static String codes(List<Agency> agencies, String ifNone) {
    return agencies.isEmpty() ? ifNone : agencies.stream().map(Agency::code).collect(Collectors.joining(", "));
  }
}
