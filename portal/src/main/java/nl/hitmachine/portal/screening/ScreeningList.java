package nl.hitmachine.portal.screening;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.Household;
import nl.hitmachine.connector.InvalidBsnException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An uploaded household list (the Top-150 format of the SDK's demo: {@code household;bsn}, UTF-8,
 * a header row, one member per row; a comma works as separator too). Read with Apache Commons CSV.
 * Invalid rows are collected by row number with a masked BSN and a reason; nothing here ever holds
 * an invalid BSN in a message.
 *
 * @param households the valid households, in the order of their first row; a member listed twice
 *     in one household appears once
 * @param memberRows per household, the row number of each member (parallel to its members)
 * @param problems the rows that cannot be used
 */
public record ScreeningList(List<Household> households, List<List<Integer>> memberRows, List<RowProblem> problems) {
  /** The most rows one upload may have. */
  public static final int MAX_ROWS = 5_000;

  public ScreeningList {
    households = List.copyOf(households);
    memberRows = List.copyOf(memberRows);
    problems = List.copyOf(problems);
  }

  /** Thrown when the file as a whole cannot be read; the message is a message key. */
  public static final class UnreadableListException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnreadableListException(String messageKey) {
      super(messageKey);
    }
  }

  public static ScreeningList parse(byte[] content) throws UnreadableListException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableListException("upload_not_utf8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter = firstLine.indexOf(';') >= 0 ? ';' : ',';
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreHeaderCase(true)
        .setIgnoreEmptyLines(true)
        .setTrim(true)
        .get();
    Map<String, Map<Bsn, Integer>> rowsByHousehold = new LinkedHashMap<>();
    List<RowProblem> problems = new ArrayList<>();
    try (Reader reader = new java.io.StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
      if (!header.contains("household") || !header.contains("bsn")) {
        throw new UnreadableListException("upload_no_header");
      }
      int rows = 0;
      for (CSVRecord record : parser) {
        if (++rows > MAX_ROWS) {
          throw new UnreadableListException("upload_too_many_rows");
        }
        // Row 1 is the header, as in a spreadsheet.
        int row = (int) record.getRecordNumber() + 1;
        String rawBsn = record.isSet("bsn") ? record.get("bsn") : "";
        String ref = record.isSet("household") ? record.get("household") : "";
        if (!record.isConsistent() && (!record.isSet("bsn") || !record.isSet("household"))) {
          problems.add(new RowProblem(row, MaskedBsn.of(rawBsn), "problem_missing_field"));
          continue;
        }
        Bsn bsn;
        try {
          bsn = Bsn.parse(rawBsn);
        } catch (InvalidBsnException e) {
          problems.add(new RowProblem(row, MaskedBsn.of(rawBsn), "problem_bsn_" + e.reason().name().toLowerCase(Locale.ROOT)));
          continue;
        }
        if (ref.isEmpty()) {
          problems.add(new RowProblem(row, MaskedBsn.of(rawBsn), "problem_missing_field"));
          continue;
        }
        try {
          new Household(ref, List.of(bsn)); // the lookup's own checks: ref length, never a BSN
        } catch (IllegalArgumentException e) {
          problems.add(new RowProblem(row, MaskedBsn.of(rawBsn), "problem_household_ref"));
          continue;
        }
        rowsByHousehold.computeIfAbsent(ref, r -> new LinkedHashMap<>()).putIfAbsent(bsn, row);
      }
    } catch (UnreadableListException e) {
      throw e;
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      // Commons CSV reports malformed quoting this way; its message may quote the data, so drop it.
      throw new UnreadableListException("upload_malformed");
    }
    List<Household> households = new ArrayList<>();
    List<List<Integer>> memberRows = new ArrayList<>();
    rowsByHousehold.forEach((ref, members) -> {
      households.add(new Household(ref, List.copyOf(members.keySet())));
      memberRows.add(List.copyOf(members.values()));
    });
    return new ScreeningList(households, memberRows, problems);
  }

  /** The number of distinct (household, member) pairs. */
  public int memberCount() {
    return households.stream().mapToInt(h -> h.members().size()).sum();
  }

}
