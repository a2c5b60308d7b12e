package org.minhu.common.privacy;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data typed into free text (a title, a description, a reply, a comment, a timeline
 * note), found by pattern and masked for readers who must not see it (auditors, exports).
 *
 * <p>What it finds, in this order:
 * <ul>
 * <li>e-mail addresses: {@code wang.xm@example.com} → {@code w***@example.com};</li>
 * <li>resident ID numbers (17 digits and a digit or X): all but the last four masked;</li>
 * <li>mainland mobile numbers {@code 1[3-9]} + 9 digits, also with {@code +86} and spaces or dashes
 *     inside ({@code 138 1234 1234}): {@code 138****1234};</li>
 * <li>landlines with an area code ({@code 023-62345678}, {@code (023)62345678}) and bare 8-digit
 *     local numbers starting 2–9 (so also a date written {@code 20261124}, but not a tracking number
 *     {@code CQ-20261124-000123}): area code and last four digits kept;</li>
 * <li>street addresses: Chinese ones made of a road name ending in 路/街/大道/巷/弄/胡同 and numbered
 *     parts (号, 号院, 号楼, 栋, 幢, 单元, 楼, 层, 室, 户), two or more numbered parts alone
 *     ({@code 3栋2单元501}), or a room ({@code 501室}); one part alone ({@code 3楼}, {@code 5号线}) is
 *     not taken for an address;</li>
 *     Western ones like {@code 123 Main Street} (a number, up to four capitalised words and a street
 *     type): replaced by {@value #ADDRESS}.</li>
 * </ul>
 *
 * <p>Limits: patterns, not understanding. Numbers written in words or split oddly
 * ({@code 一三八…}, {@code 138-12-34-12-34}), foreign phone numbers, passport numbers, names and
 * addresses without a number (a village, a landmark: "桥下空地") are not found. A Chinese road name
 * is taken as at most six characters before 路/街/…, so a few characters before it may be masked
 * with it. Short numbers (a 12345 hotline, amounts, dates) are left alone on purpose.
 */
public final class PersonalData {

    /** What a street address becomes. */
    public static final String ADDRESS = "[address]";

    private static final Pattern EMAIL = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9])(?:\\(0\\d{2,3}\\)\\s?|0\\d{2,3}[ -]?)[2-9]\\d{6,7}(?:-\\d{1,5})?(?![0-9])"
                    + "|(?<![0-9A-Za-z-])[2-9]\\d{7}(?![0-9-])");
    private static final String NUMBER = "[0-9０-９一二三四五六七八九十百零〇]+";
    private static final String PART = "(?:号院|号楼|号|栋|幢|单元|楼|层|室|户)";
    private static final String UNIT = NUMBER + "\\s*(?:-\\s*" + NUMBER + "\\s*)?" + PART + "\\s*";
    private static final Pattern CHINESE_ADDRESS = Pattern.compile(
            "(?:\\p{IsHan}{1,6}?(?:路|街|大道|巷|弄|胡同)\\s*(?:" + UNIT + ")+|(?:" + UNIT + "){2,}|" + NUMBER + "\\s*室)"
                    + "(?:[0-9]{1,5}(?![0-9]))?");
    private static final Pattern WESTERN_ADDRESS = Pattern.compile(
            "(?<![0-9A-Za-z])\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][A-Za-z.'-]*\\s+){1,4}"
                    + "(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Square|Sq)\\b\\.?");
    /** A run of five or more digits: more than a search for ordinary text needs, enough to probe for a number. */
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d(?:[ -]?\\d){4,}");

    /** What {@link #mask} leaves of a number (138****1234, the last four of an ID number): all stars in {@link #maskStrictly}. */
    private static final Pattern MASKED_NUMBER = Pattern.compile("[0-9Xx]*\\*{2,}[0-9Xx]*");

    private PersonalData() {
    }

    /**
     * {@link #mask}, and then no digit kept of a masked number: for text shown beside a tracking number (to
     * other citizens, in messages that leave the platform), since the tracking lookup's secret is the
     * contact phone's last four digits. Null stays null.
     */
    public static String maskStrictly(String text) {
        String masked = mask(text);
        return masked == null ? null : MASKED_NUMBER.matcher(masked).replaceAll(m -> "*".repeat(m.group().length()));
    }

    /** The text with every phone number, ID number, e-mail and street address it finds masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = replace(EMAIL, text, m -> m.group(1).charAt(0) + "***@" + m.group(2));
        s = replace(ID_NUMBER, s, m -> "*".repeat(14) + m.group().substring(14));
        s = replace(MOBILE, s, m -> keep(m.group(), 3, 4));
        s = replace(LANDLINE, s, m -> landline(m.group()));
        s = replace(CHINESE_ADDRESS, s, m -> m.group().isBlank() ? m.group() : ADDRESS);
        s = replace(WESTERN_ADDRESS, s, m -> ADDRESS);
        return s;
    }

    /** Whether the text holds anything {@link #mask} would mask. */
    public static boolean contains(String text) {
        return text != null && !text.equals(mask(text));
    }

    /**
     * Whether a search for this text could find a record by its personal data: it holds personal
     * data, an {@code @}, or a run of five or more digits (part of a phone or ID number).
     */
    public static boolean probes(String query) {
        return query != null && (contains(query) || query.indexOf('@') >= 0 || LONG_DIGITS.matcher(query).find());
    }

    private static String replace(Pattern p, String text, Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (m.group().isEmpty()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(with.apply(m));
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** Keeps the first {@code head} and last {@code tail} digits, masks the other digits; separators go. */
    private static String keep(String number, int head, int tail) {
        String digits = number.replaceAll("\\D", "");
        if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0086") && digits.length() == 15) {
            digits = digits.substring(4);
        }
        if (digits.length() <= head + tail) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, head) + "*".repeat(digits.length() - head - tail) + digits.substring(digits.length() - tail);
    }

    private static String landline(String number) {
        String trimmed = number.replaceAll("-\\d{1,5}$", "");
        String digits = trimmed.replaceAll("\\D", "");
        String area = "";
        if (digits.startsWith("0")) {
            int areaLength = digits.length() - (digits.length() >= 11 ? 8 : 7);
            area = digits.substring(0, areaLength) + "-";
            digits = digits.substring(areaLength);
        }
        return area + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
    }
}
