package org.minhu.feedback.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.minhu.common.time.ChinaTime;

/**
 * Petitions by category and town per China week or month, each count compared with the same
 * cell's counts in the periods before it (its baseline) to flag surges
 * ({@link CityViewRules#baseline}, {@link CityViewRules#surge}). Counted from the petitions
 * feedback-service keeps ({@code petition_ref}, one row per submitted petition, by its submission).
 */
@ApplicationScoped
public class Hotspots {

    public enum Period {
        week, month;

        /** The first day of the period holding {@code day}: the Monday of its ISO week, or the 1st of its month. */
        LocalDate start(LocalDate day) {
            return this == week ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
        }

        LocalDate plus(LocalDate start, long n) {
            return this == week ? start.plusWeeks(n) : start.plusMonths(n);
        }
    }

    public static final String DATE_BASIS = "petitions submitted in the period (China date of the submission), by category and town";

    private record Cell(String category, String region, String town) {
    }

    private final DataSource dataSource;
    private final CityViewConfig config;

    public Hotspots(DataSource dataSource, CityViewConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public CityViews.Hotspots count(Period period, LocalDate from, LocalDate to, String region, String category) {
        CityViewConfig.Hotspots settings = config.hotspots();
        int k = settings.baselinePeriods();
        LocalDate first = period.start(from);
        LocalDate end = period.plus(period.start(to), 1); // exclusive
        LocalDate baselineFrom = period.plus(first, -k);
        Map<Cell, Map<LocalDate, Long>> counts = query(period, baselineFrom, end, region, category);
        List<CityViews.HotspotCell> cells = new ArrayList<>();
        counts.forEach((cell, byPeriod) -> {
            for (LocalDate p = first; p.isBefore(end); p = period.plus(p, 1)) {
                long count = byPeriod.getOrDefault(p, 0L);
                if (count == 0) {
                    continue;
                }
                long[] previous = new long[k];
                for (int i = 0; i < k; i++) {
                    previous[i] = byPeriod.getOrDefault(period.plus(p, -(k - i)), 0L);
                }
                CityViewRules.Baseline b = CityViewRules.baseline(previous, settings.surgeSigma());
                cells.add(new CityViews.HotspotCell(p, period.plus(p, 1).minusDays(1), cell.category(), cell.region(), cell.town(),
                        count, new CityViews.HotspotBaseline(b.periods(), round(b.mean()), round(b.standardDeviation()),
                        round(b.threshold())), CityViewRules.surge(count, b, settings.surgeMinCount())));
            }
        });
        cells.sort(Comparator.comparing(CityViews.HotspotCell::period)
                .thenComparing(CityViews.HotspotCell::count, Comparator.reverseOrder())
                .thenComparing(CityViews.HotspotCell::category)
                .thenComparing(CityViews.HotspotCell::region)
                .thenComparing(CityViews.HotspotCell::town, Comparator.nullsLast(Comparator.naturalOrder())));
        return new CityViews.Hotspots(period.name(), first, end.minusDays(1), ChinaTime.ZONE.getId(), region, category,
                new CityViews.SurgeRule(k, settings.surgeSigma(), settings.surgeMinCount(),
                        "count >= minCount AND count > mean + sigma * max(sd, sqrt(mean)), mean and sd (population) of the cell's "
                                + "counts in the baselinePeriods periods before (0 for a period without petitions)"),
                DATE_BASIS, cells);
    }

    private Map<Cell, Map<LocalDate, Long>> query(Period period, LocalDate from, LocalDate end, String region, String category) {
        StringBuilder sql = new StringBuilder("SELECT date_trunc('").append(period.name())
                .append("', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, category_code, region_code, town_code, count(*) "
                        + "FROM petition_ref WHERE submitted_at >= ? AND submitted_at < ?");
        List<Object> params = new ArrayList<>(List.of(ChinaTime.startOf(from), ChinaTime.startOf(end)));
        if (region != null) {
            sql.append(" AND region_code = ?");
            params.add(region);
        }
        if (category != null) {
            sql.append(" AND category_code = ?");
            params.add(category);
        }
        sql.append(" GROUP BY 1, 2, 3, 4");
        Map<Cell, Map<LocalDate, Long>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(new Cell(rs.getString(2), rs.getString(3), rs.getString(4)), x -> new HashMap<>())
                            .put(rs.getObject(1, LocalDate.class), rs.getLong(5));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("hot spots query failed", e);
        }
    }

    private static BigDecimal round(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? BigDecimal.ZERO : d;
    }
}
