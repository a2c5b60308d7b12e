package org.minhu.petition.petition;

/**
 * Personal data as auditors see it (docs/domain.md, "Roles"): the name's first character (王**), the
 * phone's first three and last four digits (138****1234), no address text (the town stays).
 */
public final class Masking {

    private Masking() {
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        int first = name.codePointAt(0);
        int rest = Math.max(1, name.codePointCount(0, name.length()) - 1);
        return new String(Character.toChars(first)) + "*".repeat(Math.min(rest, 3));
    }

    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }
}
