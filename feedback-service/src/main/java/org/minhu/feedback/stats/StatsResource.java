package org.minhu.feedback.stats;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;

import io.vertx.ext.web.RoutingContext;

/** The published rates with every count behind them, and the records to recompute them. Public: no personal data. */
@Path("/api/v1/stats")
@Tag(name = "Statistics", description = "满意率, 解决率, 响应率, 按期办结率 and the counts behind them, for auditors and the public")
@APIResponse(responseCode = "400", description = "Invalid parameter (named)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StatsResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final StatsQueries queries;
    private final RecordsExport export;
    private final ExportLimits exportLimits;
    private final Rankings rankings;
    private final Hotspots hotspots;
    private final CityViewConfig cityView;

    public StatsResource(StatsQueries queries, RecordsExport export, ExportLimits exportLimits, Rankings rankings,
                         Hotspots hotspots, CityViewConfig cityView) {
        this.queries = queries;
        this.export = export;
        this.exportLimits = exportLimits;
        this.rankings = rankings;
        this.hotspots = hotspots;
        this.cityView = cityView;
    }

    @GET
    @Path("/satisfaction")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Satisfaction and resolution rates",
            description = "Counts satisfied, basically satisfied, unsatisfied and not rated answer rounds answered in the window, "
                    + "the satisfaction rate (null when nothing was rated), solved / partly / not solved and the resolution rate, "
                    + "re-reviewed and closed after re-review; in total and per group. From incrementally maintained aggregates.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StatsViews.SatisfactionStats.class)))
    public StatsViews.SatisfactionStats satisfaction(
            @Parameter(description = "First China date, inclusive (default: 1 January of to's year)", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last China date, inclusive (default: today)", example = "2026-12-31") @QueryParam("to") String to,
            @Parameter(description = "District-level region code", example = "500108") @QueryParam("region") String region,
            @Parameter(description = "Answering unit", example = "500108-transport") @QueryParam("unit") String unit,
            @Parameter(example = "traffic-parking") @QueryParam("category") String category,
            @Parameter(description = "The petition's intake channel", schema = @Schema(enumeration = {"app", "web", "hotline", "mini-program", "mailbox"})) @QueryParam("channel") String channel,
            @Parameter(schema = @Schema(enumeration = {"region", "unit", "category", "channel", "month"})) @QueryParam("groupBy") String groupBy) {
        StatsFilter filter = StatsFilter.parse(from, to, region, unit, category, channel);
        StatsQueries.GroupBy by = groupBy(groupBy);
        StatsQueries.Result r = queries.sum(filter, by, StatsViews.SatisfactionCounts.COUNTERS);
        return new StatsViews.SatisfactionStats(filter, by == null ? null : by.name(),
                List.of(StatsViews.SATISFACTION, StatsViews.RESOLUTION), StatsViews.SatisfactionCounts.of(r.total()),
                r.groups().stream().map(g -> new StatsViews.SatisfactionGroup(g.key(), StatsViews.SatisfactionCounts.of(g))).toList());
    }

    @GET
    @Path("/handling")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Handling figures: response, on-time answers, returns, hops, extensions, escalations, reopens",
            description = "Steps (dispatch, sign, return, extension, reminder, escalation, reopen) are counted on the day they happened "
                    + "for the unit concerned; answers (on time, hops, re-review) on the day of the answer for the answering unit.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StatsViews.HandlingStats.class)))
    public StatsViews.HandlingStats handling(
            @Parameter(description = "First China date, inclusive (default: 1 January of to's year)", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last China date, inclusive (default: today)", example = "2026-12-31") @QueryParam("to") String to,
            @Parameter(example = "500108") @QueryParam("region") String region,
            @Parameter(example = "500108-transport") @QueryParam("unit") String unit,
            @Parameter(example = "traffic-parking") @QueryParam("category") String category,
            @Parameter(schema = @Schema(enumeration = {"app", "web", "hotline", "mini-program", "mailbox"})) @QueryParam("channel") String channel,
            @Parameter(schema = @Schema(enumeration = {"region", "unit", "category", "channel", "month"})) @QueryParam("groupBy") String groupBy) {
        StatsFilter filter = StatsFilter.parse(from, to, region, unit, category, channel);
        StatsQueries.GroupBy by = groupBy(groupBy);
        StatsQueries.Result r = queries.sum(filter, by, StatsViews.HandlingCounts.COUNTERS);
        return new StatsViews.HandlingStats(filter, by == null ? null : by.name(),
                List.of(StatsViews.RESPONSE, StatsViews.RETURN, StatsViews.ON_TIME, StatsViews.HOPS),
                StatsViews.HandlingCounts.of(r.total()),
                r.groups().stream().map(g -> new StatsViews.HandlingGroup(g.key(), StatsViews.HandlingCounts.of(g))).toList());
    }

    @GET
    @Path("/records")
    @Produces({NDJSON, CSV})
    @Operation(summary = "Export: one line per answer round, without personal data",
            description = "Rounds answered in the window, rated or not (outcome OPEN, RATED or NOT_RATED), streamed. "
                    + "NDJSON by default; CSV with format=csv or Accept: text/csv. From these lines every round-based count "
                    + "of /stats/satisfaction and /stats/handling can be recomputed. One export spans at most "
                    + "366 days (configurable); a longer window is refused with 400 naming from. Only a few exports are "
                    + "streamed at once; beyond them the answer is 429 with Retry-After.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "429", description = "As many exports as the service streams at once are running; retry later",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The export's query ran longer than the service allows; export a shorter window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response records(
            @Parameter(example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(example = "2026-12-31") @QueryParam("to") String to,
            @QueryParam("region") String region,
            @QueryParam("unit") String unit,
            @QueryParam("category") String category,
            @QueryParam("channel") String channel,
            @Parameter(description = "ndjson or csv; overrides Accept", schema = @Schema(enumeration = {"ndjson", "csv"})) @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @Context RoutingContext http) {
        // every parameter is checked before a slot is taken: a bad request never holds one
        StatsFilter filter = StatsFilter.parse(from, to, region, unit, category, channel);
        exportLimits.checkWindow(filter);
        RecordsExport.Format f = format(format, accept);
        ExportLimits.Slot slot = exportLimits.tryAcquire().orElse(null);
        if (slot == null) {
            return exportLimits.refusal(http.request().path());
        }
        // the stream gives the slot back when it ends; this covers a response that ends before the stream starts
        http.addEndHandler(ended -> slot.abandonIfNotStarted());
        StreamingOutput body = out -> {
            if (!slot.begin()) {
                return; // the response already ended: nobody to stream to
            }
            try {
                export.write(filter, f, out);
            } finally {
                slot.end(); // after write() closed its connection: the next export finds one free
            }
        };
        String type = f == RecordsExport.Format.CSV ? CSV + "; charset=UTF-8" : NDJSON + "; charset=UTF-8";
        String name = "minhu-records-" + filter.from() + "-" + filter.to() + (f == RecordsExport.Format.CSV ? ".csv" : ".ndjson");
        return Response.ok(body, type).header("Content-Disposition", "inline; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("/rankings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Monthly rankings (排名) of units or districts by one rate, with the counts and the month-over-month change",
            description = "Each row: the unit (or district) and its satisfaction (满意率), resolution (解决率), response (响应率) and "
                    + "on-time (按期办结率) rates in the China month, each with numerator and denominator, the same in the month "
                    + "before and the change. Rates are those of /stats/satisfaction and /stats/handling for the same unit or region "
                    + "and month. Ranked by the chosen metric, highest first, equal rates sharing a rank; a row whose denominator "
                    + "of that metric is below the minimum volume (minhu.feedback.rankings.min-volume) is listed with "
                    + "tooFewToRank and no rank, after the ranked ones.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CityViews.Rankings.class)))
    public CityViews.Rankings rankings(
            @Parameter(description = "China month (default: the month before the current one); not after the current month", example = "2026-11")
            @QueryParam("month") String month,
            @Parameter(description = "Rank units or districts (default unit)", schema = @Schema(enumeration = {"unit", "district"}))
            @QueryParam("level") String level,
            @Parameter(description = "The rate to rank by (default satisfaction)",
                    schema = @Schema(enumeration = {"satisfaction", "resolution", "response", "onTime"}))
            @QueryParam("metric") String metric,
            @Parameter(description = "Only units (or the district) of this district-level region", example = "500108")
            @QueryParam("region") String region) {
        java.time.YearMonth current = java.time.YearMonth.from(org.minhu.common.time.ChinaTime.of(java.time.Instant.now()));
        java.time.YearMonth m = current.minusMonths(1);
        if (month != null && !month.isBlank()) {
            try {
                m = java.time.YearMonth.parse(month);
            } catch (java.time.format.DateTimeParseException e) {
                throw ProblemException.invalidParameter("month", "must be a month such as 2026-11 (China time)");
            }
            if (m.isAfter(current)) {
                throw ProblemException.invalidParameter("month", "must not be after the current month (" + current + ")");
            }
        }
        String regionCode = StatsFilter.parse(null, null, region, null, null, null).region();
        return rankings.rank(m, choice("level", level, Rankings.Level.class, Rankings.Level.unit),
                choice("metric", metric, Rankings.Metric.class, Rankings.Metric.satisfaction), regionCode);
    }

    @GET
    @Path("/hotspots")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hot spots (热点): petitions by category and town per week or month, with surges flagged",
            description = "Counts petitions by the China week (Monday to Sunday) or month of their submission, per category and "
                    + "town (街道/镇; null when the petition named none). Each count is compared with the same cell's counts in the "
                    + "baselinePeriods periods before: a surge is count >= minCount and count > mean + sigma * max(sd, sqrt(mean)). "
                    + "The rule and its settings are in the answer. Periods overlapping the window are counted whole.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CityViews.Hotspots.class)))
    public CityViews.Hotspots hotspots(
            @Parameter(description = "week or month (default week)", schema = @Schema(enumeration = {"week", "month"}))
            @QueryParam("period") String period,
            @Parameter(description = "First China date, inclusive (default: 12 periods up to to)", example = "2026-09-01") @QueryParam("from") String from,
            @Parameter(description = "Last China date, inclusive (default: today)", example = "2026-11-30") @QueryParam("to") String to,
            @Parameter(description = "District-level region code", example = "500108") @QueryParam("region") String region,
            @Parameter(example = "traffic-parking") @QueryParam("category") String category) {
        Hotspots.Period p = choice("period", period, Hotspots.Period.class, Hotspots.Period.week);
        String defaultFrom = null;
        if (from == null || from.isBlank()) {
            StatsFilter end = StatsFilter.parse(null, to, null, null, null, null);
            defaultFrom = p.plus(p.start(end.to()), -11).toString();
        }
        StatsFilter filter = StatsFilter.parse(defaultFrom == null ? from : defaultFrom, to, region, null, category, null);
        int maxDays = cityView.hotspots().maxDays();
        if (java.time.temporal.ChronoUnit.DAYS.between(filter.from(), filter.to()) >= maxDays) {
            throw ProblemException.invalidParameter("from", "the window may span at most " + maxDays + " days");
        }
        return hotspots.count(p, filter.from(), filter.to(), filter.region(), filter.category());
    }

    private static <E extends Enum<E>> E choice(String name, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw ProblemException.invalidParameter(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static RecordsExport.Format format(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.toLowerCase()) {
                case "csv" -> RecordsExport.Format.CSV;
                case "ndjson", "json" -> RecordsExport.Format.NDJSON;
                default -> throw ProblemException.invalidParameter("format", "must be ndjson or csv");
            };
        }
        return accept != null && accept.contains(CSV) && !accept.contains(NDJSON) ? RecordsExport.Format.CSV : RecordsExport.Format.NDJSON;
    }

    private static StatsQueries.GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return StatsQueries.GroupBy.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("groupBy", "must be one of " + Arrays.toString(StatsQueries.GroupBy.values()));
        }
    }
}
