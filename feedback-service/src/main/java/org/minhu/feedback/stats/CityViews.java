package org.minhu.feedback.stats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the rankings and the hot spots answer. */
public final class CityViews {

    private CityViews() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RankedRate", description = "One rate of a unit or district in the month and in the month before, with the counts behind both")
    public record RankedRate(
            @Schema(examples = "46") long numerator,
            @Schema(examples = "50") long denominator,
            @Schema(description = "numerator / denominator; null when the denominator is 0", examples = "0.92") BigDecimal rate,
            long previousNumerator,
            long previousDenominator,
            @Schema(description = "The same rate in the month before; null when its denominator was 0") BigDecimal previousRate,
            @Schema(description = "rate − previousRate (month over month); null when either is null", examples = "0.04") BigDecimal change) {

        static RankedRate of(CityViewRules.Counted now, CityViewRules.Counted before) {
            return new RankedRate(now.numerator(), now.denominator(), now.rate(), before.numerator(), before.denominator(),
                    before.rate(), CityViewRules.change(now.rate(), before.rate()));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RankedRates")
    public record RankedRates(
            @Schema(description = "满意率: (satisfied + basicallySatisfied) / rated") RankedRate satisfaction,
            @Schema(description = "解决率: solved / rated") RankedRate resolution,
            @Schema(description = "响应率: signedWithinLimit / (assignments − closedBeforeSigning)") RankedRate response,
            @Schema(description = "按期办结率: answeredOnTime / answered") RankedRate onTime) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RankingRow")
    public record RankingRow(
            @Schema(description = "The unit's id, or the district's region code", examples = "500108-transport") String id,
            @Schema(description = "The unit's Chinese name as case events carry it; null for districts and for units never named") String nameZh,
            @Schema(description = "The unit's English name; null for districts and for units never named") String nameEn,
            @Schema(description = "1 is best; equal rates share a rank; null when too few to rank", examples = "1") Integer rank,
            @Schema(description = "The ranked rate's denominator is below the minimum volume (or 0): listed, not ranked") boolean tooFewToRank,
            @Schema(description = "The rank in the month before, by the same rule; null when not ranked then") Integer previousRank,
            RankedRates rates) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Rankings")
    public record Rankings(
            @Schema(examples = "2026-11") String month,
            @Schema(examples = "2026-10") String previousMonth,
            @Schema(examples = "Asia/Shanghai") String timeZone,
            @Schema(enumeration = {"unit", "district"}) String level,
            @Schema(enumeration = {"satisfaction", "resolution", "response", "onTime"}) String metric,
            @Schema(description = "Only units of this district (region code); null for all") String region,
            @Schema(description = "Smallest denominator of the ranked rate for a rank (minhu.feedback.rankings.min-volume)", examples = "10")
            int minVolume,
            List<StatsViews.Formula> formulas,
            @Schema(description = "Ranked rows by rank, then those with too few to rank") List<RankingRow> rows) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "HotspotBaseline", description = "The cell's counts in the periods before: mean, standard deviation and the surge threshold")
    public record HotspotBaseline(
            @Schema(examples = "4") int periods,
            @Schema(examples = "3.25") BigDecimal mean,
            @Schema(examples = "0.829156") BigDecimal standardDeviation,
            @Schema(description = "mean + sigma × max(standardDeviation, √mean)", examples = "8.658312") BigDecimal threshold) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "HotspotCell", description = "Petitions submitted in one period, category and town")
    public record HotspotCell(
            @Schema(description = "First China date of the period (a Monday for weeks)", examples = "2026-11-16") LocalDate period,
            @Schema(description = "Last China date of the period", examples = "2026-11-22") LocalDate periodEnd,
            @Schema(examples = "traffic-parking") String category,
            @Schema(description = "District-level region code", examples = "500108") String region,
            @Schema(description = "Town or street code; null when the petitions named none", examples = "500108001") String town,
            @Schema(examples = "12") long count,
            HotspotBaseline baseline,
            @Schema(description = "count ≥ minCount and count > baseline.threshold") boolean surge) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SurgeRule")
    public record SurgeRule(
            @Schema(examples = "4") int baselinePeriods,
            @Schema(examples = "3") double sigma,
            @Schema(examples = "5") int minCount,
            String expression) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Hotspots")
    public record Hotspots(
            @Schema(enumeration = {"week", "month"}) String period,
            @Schema(description = "First day of the first period", examples = "2026-09-01") LocalDate from,
            @Schema(description = "Last day of the last period", examples = "2026-11-30") LocalDate to,
            @Schema(examples = "Asia/Shanghai") String timeZone,
            String region,
            String category,
            SurgeRule rule,
            @Schema(description = "Petitions counted by the China date of their submission (org.minhu.petition.submitted)") String dateBasis,
            @Schema(description = "Every period, category and town with at least one petition, by period, then count (highest first)")
            List<HotspotCell> cells) {
    }
}
