package org.minhu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.minhu.testsupport.PrometheusText;

/**
 * The services' own figures, read from their {@code /q/metrics} (Prometheus text, parsed by
 * test-support's {@link PrometheusText}): what a run reports from the platform's side, so that a
 * driver's counts and the services' meters can be put next to each other.
 */
final class ServiceMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private ServiceMetrics() {
    }

    /** One scrape of {@code url} (a {@code /q/metrics}); an IllegalStateException when it does not answer 200. */
    static PrometheusText scrape(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
            }
            return PrometheusText.parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of {@code name}'s samples per value of {@code label}, sorted by that value. */
    static NavigableMap<String, Double> byLabel(PrometheusText scrape, String name, String label) {
        NavigableMap<String, Double> sums = new TreeMap<>();
        for (PrometheusText.Sample s : scrape.samples()) {
            if (s.name().equals(name)) {
                sums.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum);
            }
        }
        return sums;
    }

    /** A histogram's cumulative buckets ({@code <histogram>_bucket}, summed over its other labels): upper bound → count. */
    static NavigableMap<Double, Double> buckets(PrometheusText scrape, String histogram) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        byLabel(scrape, histogram + "_bucket", "le").forEach((le, count) ->
                buckets.merge("+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le), count, Double::sum));
        return buckets;
    }

    /**
     * The {@code q}-quantile (0 to 1) of a histogram given by its cumulative buckets (upper bound →
     * observations at or below it, {@code +Inf} included), as Prometheus' {@code histogram_quantile}
     * computes it: the bucket holding the rank {@code q × count}, interpolated linearly between its
     * bounds (the first bucket's lower bound is 0); a rank in the {@code +Inf} bucket gives the highest
     * finite bound. NaN when nothing was observed or the {@code +Inf} bucket is missing.
     */
    static double quantile(double q, NavigableMap<Double, Double> cumulative) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("a quantile is between 0 and 1, not " + q);
        }
        if (cumulative.isEmpty() || cumulative.lastKey() != Double.POSITIVE_INFINITY || cumulative.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upper = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (upper == Double.POSITIVE_INFINITY) {
                    return lower;
                }
                if (count == below) {
                    return upper; // an empty bucket reached only when q is 0
                }
                return lower + (upper - lower) * (rank - below) / (count - below);
            }
            lower = upper;
            below = count;
        }
        throw new IllegalStateException("unreachable: the +Inf bucket holds every observation");
    }
}
