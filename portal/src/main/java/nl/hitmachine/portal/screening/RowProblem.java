package nl.hitmachine.portal.screening;

/**
 * A row of an uploaded household list that cannot be used.
 *
 * @param row the row number as a spreadsheet shows it (the header is row 1)
 * @param maskedBsn the BSN column as {@link MaskedBsn} shows it
 * @param reason why, as a message key (see {@code messages.properties}, {@code problem_*})
 */
public record RowProblem(int row, String maskedBsn, String reason) {}
