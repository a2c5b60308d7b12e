package org.minhu.common.privacy;

/**
 * One CSV cell (RFC 4180) that a spreadsheet will not run as a formula (CSV injection, OWASP):
 * a value starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * gets a single quote in front; a value with a comma, quote or line break is quoted. Every CSV a
 * service writes goes through {@link #cell}.
 *
 * <p>The quote changes the text a reader sees: a negative number exported as text would read
 * {@code '-1}. The exports write numbers and dates that never start with one of these
 * characters, so only free text (codes, names) is ever prefixed.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** The cell's text, neutralised and quoted as needed; null is the empty cell. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = neutralise(value.toString());
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** The text with a single quote in front when a spreadsheet would take it for a formula. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
