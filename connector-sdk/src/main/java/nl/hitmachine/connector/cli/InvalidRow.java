package nl.hitmachine.connector.cli;

/**
 * An input row that cannot be used.
 *
 * @param row the row number: the line number in the file, the header (if any) being row 1, as in a
 *     spreadsheet
 * @param reason why, never containing the row's content
 */
record InvalidRow(int row, String reason) {
  @Override
  public String toString() {
    return "row " + row + ": " + reason;
  }
}
