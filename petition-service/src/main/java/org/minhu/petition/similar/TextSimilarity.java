package org.minhu.petition.similar;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How alike two texts are, for Chinese first: the Dice coefficient of their sets of character bigrams.
 *
 * <p>Why not PostgreSQL's {@code pg_trgm}: it works on words, and Chinese has no spaces, so a whole clause is one
 * "word" cut into three-character pieces; most Chinese words are two characters, so two people describing the same
 * problem rarely share three in a row ("南坪片区夜间停车难…" and "南坪夜里停车太难了…" score 0.10 under
 * {@code similarity()}, 0.24 here). And whether it finds CJK characters at all depends on the database's
 * {@code LC_CTYPE}: under a plain {@code C} locale they are not "alphanumeric" and give no trigrams. Bigrams over
 * runs of letters and digits (any script; Latin lower-cased) are what Chinese text search usually starts from,
 * need no extension and behave the same on every database. A run of one character counts as itself.
 */
public final class TextSimilarity {

    private TextSimilarity() {
    }

    /** 2·|A∩B| / (|A|+|B|) over the texts' bigram sets: 0 when either has none, 1 for the same set. */
    public static double dice(String a, String b) {
        Set<String> x = bigrams(a);
        Set<String> y = bigrams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String g : x) {
            if (y.contains(g)) {
                common++;
            }
        }
        return 2.0 * common / (x.size() + y.size());
    }

    /** The bigrams of each run of letters and digits (code points, so a character outside the BMP is one). */
    static Set<String> bigrams(String text) {
        Set<String> out = new HashSet<>();
        if (text == null) {
            return out;
        }
        int[] cps = text.toLowerCase(Locale.ROOT).codePoints().toArray();
        int runStart = 0;
        for (int i = 0; i <= cps.length; i++) {
            if (i < cps.length && Character.isLetterOrDigit(cps[i])) {
                continue;
            }
            int length = i - runStart;
            if (length == 1) {
                out.add(new String(cps, runStart, 1));
            }
            for (int j = runStart; j + 1 < i; j++) {
                out.add(new String(cps, j, 2));
            }
            runStart = i + 1;
        }
        return out;
    }
}
