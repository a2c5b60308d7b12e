package org.minhu.feedback.stats;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.minhu.common.time.ChinaTime;

/**
 * Monthly rankings of units or districts by one rate, from the same aggregates and the same
 * formulas as {@code /stats/satisfaction} and {@code /stats/handling} (a whole month is read from
 * the month tables), so a row's rates equal theirs for the same unit (or region) and month.
 */
@ApplicationScoped
public class Rankings {

    public enum Level {
        unit(StatsQueries.GroupBy.unit), district(StatsQueries.GroupBy.region);

        final StatsQueries.GroupBy groupBy;

        Level(StatsQueries.GroupBy groupBy) {
            this.groupBy = groupBy;
        }
    }

    public enum Metric {
        satisfaction, resolution, response, onTime
    }

    static final List<Counter> COUNTERS = Stream.concat(StatsViews.SatisfactionCounts.COUNTERS.stream(),
            StatsViews.HandlingCounts.COUNTERS.stream()).distinct().toList();

    private final StatsQueries queries;
    private final UnitNames names;
    private final CityViewConfig config;

    public Rankings(StatsQueries queries, UnitNames names, CityViewConfig config) {
        this.queries = queries;
        this.names = names;
        this.config = config;
    }

    /** A unit's or district's four rates in one month, from the published counts. */
    record Rates(CityViewRules.Counted satisfaction, CityViewRules.Counted resolution, CityViewRules.Counted response,
                 CityViewRules.Counted onTime) {

        static final Rates NONE = new Rates(none(), none(), none(), none());

        static Rates of(StatsQueries.Sums s) {
            StatsViews.SatisfactionCounts sat = StatsViews.SatisfactionCounts.of(s);
            StatsViews.HandlingCounts h = StatsViews.HandlingCounts.of(s);
            return new Rates(
                    new CityViewRules.Counted(sat.satisfied() + sat.basicallySatisfied(), sat.rated(), sat.satisfactionRate()),
                    new CityViewRules.Counted(sat.solved(), sat.rated(), sat.resolutionRate()),
                    // the denominator of response-rate version 2, exactly as HandlingCounts computes it
                    new CityViewRules.Counted(h.signedWithinLimit(), Math.max(0, h.assignments() - h.closedBeforeSigning()),
                            h.responseRate()),
                    new CityViewRules.Counted(h.answeredOnTime(), h.answered(), h.onTimeAnswerRate()));
        }

        CityViewRules.Counted get(Metric m) {
            return switch (m) {
                case satisfaction -> satisfaction;
                case resolution -> resolution;
                case response -> response;
                case onTime -> onTime;
            };
        }

        private static CityViewRules.Counted none() {
            return new CityViewRules.Counted(0, 0, null);
        }
    }

    public CityViews.Rankings rank(YearMonth month, Level level, Metric metric, String region) {
        Map<String, Rates> now = rates(month, level, region);
        Map<String, Rates> before = rates(month.minusMonths(1), level, region);
        int minVolume = config.rankings().minVolume();
        Map<String, Integer> ranks = ranksOf(now, metric, minVolume);
        Map<String, Integer> previousRanks = ranksOf(before, metric, minVolume);
        Map<String, UnitNames.Name> unitNames = level == Level.unit ? names.of(now.keySet()) : Map.of();
        List<CityViews.RankingRow> rows = new ArrayList<>();
        for (Map.Entry<String, Rates> e : now.entrySet()) {
            Rates r = e.getValue();
            Rates b = before.getOrDefault(e.getKey(), Rates.NONE);
            UnitNames.Name name = unitNames.get(e.getKey());
            Integer rank = ranks.get(e.getKey());
            rows.add(new CityViews.RankingRow(e.getKey(), name == null ? null : name.zh(), name == null ? null : name.en(),
                    rank, rank == null, previousRanks.get(e.getKey()),
                    new CityViews.RankedRates(CityViews.RankedRate.of(r.satisfaction(), b.satisfaction()),
                            CityViews.RankedRate.of(r.resolution(), b.resolution()),
                            CityViews.RankedRate.of(r.response(), b.response()),
                            CityViews.RankedRate.of(r.onTime(), b.onTime()))));
        }
        Function<CityViews.RankingRow, CityViewRules.Counted> ranked = row -> now.get(row.id()).get(metric);
        rows.sort(CityViewRules.order(CityViews.RankingRow::rank, ranked, CityViews.RankingRow::id));
        return new CityViews.Rankings(month.toString(), month.minusMonths(1).toString(), ChinaTime.ZONE.getId(), level.name(),
                metric.name(), region, minVolume,
                List.of(StatsViews.SATISFACTION, StatsViews.RESOLUTION, StatsViews.RESPONSE, StatsViews.ON_TIME), rows);
    }

    private Map<String, Rates> rates(YearMonth month, Level level, String region) {
        StatsFilter filter = new StatsFilter(month.atDay(1), month.atEndOfMonth(), ChinaTime.ZONE.getId(), region, null, null, null);
        StatsQueries.Result result = queries.sum(filter, level.groupBy, COUNTERS);
        Map<String, Rates> out = new HashMap<>();
        result.groups().forEach(g -> out.put(g.key(), Rates.of(g)));
        return out;
    }

    private static Map<String, Integer> ranksOf(Map<String, Rates> rates, Metric metric, int minVolume) {
        List<String> ids = new ArrayList<>(rates.keySet());
        List<Integer> ranks = CityViewRules.ranks(ids, id -> rates.get(id).get(metric), minVolume);
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ranks.get(i) != null) {
                out.put(ids.get(i), ranks.get(i));
            }
        }
        return out;
    }
}
