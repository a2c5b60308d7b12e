package org.minhu.petition.attachment;

import java.text.Normalizer;

/** A client's file name made safe to show and to put in a Content-Disposition header; never used as a path or a type. */
final class Filenames {

    static final int MAX = 120;

    private Filenames() {
    }

    static String sanitise(String name) {
        if (name == null) {
            return "attachment";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        Normalizer.normalize(base, Normalizer.Form.NFC).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ' ' || c == '(' || c == ')') {
                out.appendCodePoint(c);
            } else if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                out.append('_');
            }
        });
        String clean = out.toString().strip().replaceAll("^\\.+", "");
        if (clean.isEmpty()) {
            return "attachment";
        }
        if (clean.codePointCount(0, clean.length()) > MAX) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX));
        }
        return clean;
    }
}
