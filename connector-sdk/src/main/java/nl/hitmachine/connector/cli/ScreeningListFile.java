package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.Household;
import nl.hitmachine.connector.InvalidBsnException;

/**
 * A household list as the coordinator keeps it (the demo's {@code screening-list.csv}): UTF-8, a
 * header naming the columns {@code household} and {@code bsn} (any order, other columns ignored),
 * one member per row. Rows of one household need not be adjacent; households keep the order of
 * their first row, members the order of their rows. Blank lines are skipped.
 *
 * <p>Invalid rows are collected with their row number and reason; no message contains a BSN.
 *
 * @param households the valid households; a member listed twice in one household appears once
 * @param memberRows per household, the row number of each member (parallel to its members)
 * @param invalid the rows that cannot be used
 * @param notes remarks about rows that were used differently than written (duplicates)
 */
record ScreeningListFile(
    List<Household> households, List<List<Integer>> memberRows, List<InvalidRow> invalid, List<String> notes) {
  static final String HOUSEHOLD = "household";
  static final String BSN = "bsn";

  /**
   * Reads {@code file}.
   *
   * @throws IOException if the file cannot be read, is not UTF-8, or its header lacks a column
   */
  static ScreeningListFile read(Path file, char delimiter) throws IOException {
    Map<String, Map<Bsn, Integer>> rowsByHousehold = new LinkedHashMap<>();
    List<InvalidRow> invalid = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        DelimitedText text = new DelimitedText(in, StandardCharsets.UTF_8, file.toString())) {
      String headerLine = text.nextLine();
      List<String> header = headerLine == null ? List.of() : DelimitedText.split(headerLine, delimiter);
      int householdColumn = DelimitedText.column(header, HOUSEHOLD);
      int bsnColumn = DelimitedText.column(header, BSN);
      if (householdColumn < 0 || bsnColumn < 0) {
        throw new IOException(
            file + ": the first line must be a header naming the columns " + HOUSEHOLD + " and " + BSN
                + ", separated by '" + delimiter + "'");
      }
      for (String line = text.nextLine(); line != null; line = text.nextLine()) {
        if (line.isBlank()) {
          continue;
        }
        int row = text.lineNumber();
        List<String> fields = DelimitedText.split(line, delimiter);
        if (fields.size() <= Math.max(householdColumn, bsnColumn)) {
          invalid.add(new InvalidRow(row, "too few fields: expected the columns " + HOUSEHOLD + " and " + BSN));
          continue;
        }
        String ref = fields.get(householdColumn);
        Bsn bsn;
        try {
          bsn = Bsn.parse(fields.get(bsnColumn));
        } catch (InvalidBsnException e) {
          invalid.add(new InvalidRow(row, e.getMessage()));
          continue;
        }
        try {
          new Household(ref, List.of(bsn)); // the same checks as the lookup: ref length, never a BSN
        } catch (IllegalArgumentException e) {
          invalid.add(new InvalidRow(row, e.getMessage()));
          continue;
        }
        Map<Bsn, Integer> members = rowsByHousehold.computeIfAbsent(ref, r -> new LinkedHashMap<>());
        Integer earlier = members.putIfAbsent(bsn, row);
        if (earlier != null) {
          notes.add("row " + row + ": the same person as row " + earlier + " of this household; asked once");
        }
      }
    }
    List<Household> households = new ArrayList<>(rowsByHousehold.size());
    List<List<Integer>> memberRows = new ArrayList<>(rowsByHousehold.size());
    rowsByHousehold.forEach(
        (ref, members) -> {
          households.add(new Household(ref, List.copyOf(members.keySet())));
          memberRows.add(List.copyOf(members.values()));
        });
    return new ScreeningListFile(households, memberRows, invalid, notes);
  }

  /** The number of distinct (household, member) pairs. */
  int memberCount() {
    return households.stream().mapToInt(h -> h.members().size()).sum();
  }
}
