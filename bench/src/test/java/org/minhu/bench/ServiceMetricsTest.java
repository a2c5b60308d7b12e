package org.minhu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.minhu.testsupport.PrometheusText;

class ServiceMetricsTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static NavigableMap<Double, Double> buckets(double... boundAndCount) {
        NavigableMap<Double, Double> b = new TreeMap<>();
        for (int i = 0; i < boundAndCount.length; i += 2) {
            b.put(boundAndCount[i], boundAndCount[i + 1]);
        }
        return b;
    }

    @Test
    void quantileInterpolatesWithinTheBucketHoldingTheRank() {
        // 50 observations in (0.1, 0.2], 50 in (0.2, 0.5]
        NavigableMap<Double, Double> b = buckets(0.1, 0, 0.2, 50, 0.5, 100, INF, 100);
        assertThat(ServiceMetrics.quantile(0.5, b)).isCloseTo(0.2, within(1e-9));
        assertThat(ServiceMetrics.quantile(0.99, b)).isCloseTo(0.2 + 0.3 * 49 / 50, within(1e-9));
        assertThat(ServiceMetrics.quantile(0.25, b)).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void theFirstBucketStartsAtZero() {
        assertThat(ServiceMetrics.quantile(0.5, buckets(1, 10, INF, 10))).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aRankBeyondTheLastFiniteBucketGivesItsBound() {
        assertThat(ServiceMetrics.quantile(0.99, buckets(1, 90, 2, 90, INF, 100))).isEqualTo(2.0);
    }

    @Test
    void nothingObservedOrNoInfBucketIsNaN() {
        assertThat(ServiceMetrics.quantile(0.5, buckets(1, 0, INF, 0))).isNaN();
        assertThat(ServiceMetrics.quantile(0.5, buckets(1, 5, 2, 10))).isNaN();
        assertThat(ServiceMetrics.quantile(0.5, buckets())).isNaN();
    }

    @Test
    void bucketsAreReadFromAScrapeAndSummedOverOtherLabels() {
        PrometheusText scrape = PrometheusText.parse("""
                # TYPE minhu_dispatch_latency_seconds histogram
                minhu_dispatch_latency_seconds_bucket{instance="a",le="0.1"} 1.0
                minhu_dispatch_latency_seconds_bucket{instance="a",le="+Inf"} 3.0
                minhu_dispatch_latency_seconds_bucket{instance="b",le="0.1"} 2.0
                minhu_dispatch_latency_seconds_bucket{instance="b",le="+Inf"} 2.0
                minhu_dispatch_latency_seconds_count{instance="a"} 3.0
                """);
        assertThat(ServiceMetrics.buckets(scrape, "minhu_dispatch_latency_seconds"))
                .containsExactly(entry(0.1, 3.0), entry(INF, 5.0));
    }

    @Test
    void byLabelSumsEachValueOverTheOtherLabels() {
        PrometheusText scrape = PrometheusText.parse("""
                minhu_ratings_total{channel="app",satisfaction="SATISFIED",solved="SOLVED"} 4.0
                minhu_ratings_total{channel="hotline",satisfaction="SATISFIED",solved="PARTLY_SOLVED"} 1.0
                minhu_ratings_total{channel="web",satisfaction="UNSATISFIED",solved="NOT_SOLVED"} 2.0
                """);
        assertThat(ServiceMetrics.byLabel(scrape, "minhu_ratings_total", "satisfaction"))
                .containsExactly(entry("SATISFIED", 5.0),
                        entry("UNSATISFIED", 2.0));
    }
}
