package org.minhu.common.input;

/**
 * What text the services accept. PostgreSQL cannot store NUL, and the JDBC driver silently turns a
 * lone surrogate into '?', so neither may appear anywhere. Titles, names and query or path
 * parameters hold one line of visible text: no control characters (C0, DEL, C1), no line or
 * paragraph separators. Multi-line text (descriptions, replies) keeps its tabs and line breaks.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why {@code s} may not appear in any text, or null when it may. */
    public static String forbiddenInAnyText(String s) {
        if (s == null) {
            return null;
        }
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate (U+" + hex(c) + "): it is not valid Unicode";
            }
        }
        return null;
    }

    /** Why {@code s} is not one line of text (no control characters at all), or null when it is. */
    public static String forbiddenInSingleLine(String s) {
        String reason = forbiddenInAnyText(s);
        if (reason != null || s == null) {
            return reason;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029) {
                return "must not contain control characters or line breaks (U+" + hex(cp) + ")";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /**
     * True when {@code s} shows nothing: empty, or only white space, control characters, zero-width
     * characters, bidirectional controls and other format characters (Unicode category Cf), or
     * fillers that render blank (Hangul fillers, the blank Braille pattern).
     */
    public static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!invisible(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean invisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.FORMAT) {
            return true;
        }
        return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800 || cp == 0x180E;
    }

    private static String hex(int cp) {
        return String.format("%04X", cp);
    }
}
