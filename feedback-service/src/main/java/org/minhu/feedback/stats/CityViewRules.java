package org.minhu.feedback.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The pure rules of the rankings and the hot spots: who is ranked and how, and what a surge is. */
public final class CityViewRules {

    private CityViewRules() {
    }

    /** A rate and its counts. {@code rate} is null over an empty denominator. */
    public record Counted(long numerator, long denominator, BigDecimal rate) {
    }

    /**
     * Ranks by the rate, highest first: only rows whose denominator reaches {@code minVolume}
     * (and so have a rate) are ranked; equal rates share a rank and the next rank skips
     * (competition ranking, 1, 2, 2, 4). Returns each row's rank in the input order, null for
     * rows with too few to rank.
     */
    public static <T> List<Integer> ranks(List<T> rows, Function<T, Counted> metric, int minVolume) {
        List<Integer> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            Counted c = metric.apply(row);
            if (!rankable(c, minVolume)) {
                out.add(null);
                continue;
            }
            int higher = 0;
            for (T other : rows) {
                Counted o = metric.apply(other);
                if (rankable(o, minVolume) && o.rate().compareTo(c.rate()) > 0) {
                    higher++;
                }
            }
            out.add(higher + 1);
        }
        return out;
    }

    public static boolean rankable(Counted c, int minVolume) {
        return c.rate() != null && c.denominator() >= minVolume;
    }

    /** The order of a ranking: ranked rows by rank, then the others by rate (highest first, none last); ties by id. */
    public static <T> Comparator<T> order(Function<T, Integer> rank, Function<T, Counted> metric, Function<T, String> id) {
        Comparator<T> byRank = Comparator.comparing(rank, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<T> byRate = Comparator.comparing(r -> metric.apply(r).rate(), Comparator.nullsLast(Comparator.reverseOrder()));
        return byRank.thenComparing(byRate).thenComparing(id);
    }

    /** this − previous, 6 decimals; null when either is null. */
    public static BigDecimal change(BigDecimal rate, BigDecimal previous) {
        if (rate == null || previous == null) {
            return null;
        }
        BigDecimal d = rate.subtract(previous).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? BigDecimal.ZERO : d;
    }

    /** A cell's baseline: its counts in the periods before, and the threshold a count must exceed to be a surge. */
    public record Baseline(int periods, double mean, double standardDeviation, double threshold) {
    }

    /**
     * The baseline of the counts of the {@code previous} periods (one count per period, 0 for a
     * period without any): their mean m and population standard deviation s; the threshold is
     * m + sigma × max(s, √m), so that a cell whose counts never varied (s = 0) still needs a rise
     * beyond Poisson noise (√m) to surge.
     */
    public static Baseline baseline(long[] previous, double sigma) {
        int n = previous.length;
        double mean = 0;
        for (long v : previous) {
            mean += v;
        }
        mean = n == 0 ? 0 : mean / n;
        double variance = 0;
        for (long v : previous) {
            variance += (v - mean) * (v - mean);
        }
        double sd = n == 0 ? 0 : Math.sqrt(variance / n);
        return new Baseline(n, mean, sd, mean + sigma * Math.max(sd, Math.sqrt(mean)));
    }

    /** A surge: at least {@code minCount} and above the baseline's threshold. */
    public static boolean surge(long count, Baseline baseline, int minCount) {
        return count >= minCount && count > baseline.threshold();
    }
}
