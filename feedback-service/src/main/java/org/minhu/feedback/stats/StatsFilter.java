package org.minhu.feedback.stats;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.time.ChinaTime;

/** The window (China dates, both inclusive) and the filters of a statistics question. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "StatsFilter")
public record StatsFilter(
        @Schema(examples = "2026-01-01") LocalDate from,
        @Schema(examples = "2026-12-31") LocalDate to,
        @Schema(examples = "Asia/Shanghai") String timeZone,
        @Schema(examples = "500108") String region,
        @Schema(examples = "500108-transport") String unit,
        @Schema(examples = "traffic-parking") String category,
        @Schema(description = "The petition's intake channel", examples = "app") String channel) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Longest window a question may span. */
    public static final int MAX_DAYS = 366 * 5;

    /** Parses and checks the query parameters; defaults to the year to date. */
    public static StatsFilter parse(String from, String to, String region, String unit, String category, String channel) {
        LocalDate today = ChinaTime.of(java.time.Instant.now()).toLocalDate();
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.withDayOfYear(1));
        if (start.isAfter(end)) {
            throw ProblemException.invalidParameter("from", "must not be after to (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ProblemException.invalidParameter("from", "the window may span at most " + MAX_DAYS + " days");
        }
        return new StatsFilter(start, end, ChinaTime.ZONE.getId(), code("region", region), code("unit", unit),
                code("category", category), channel(channel));
    }

    /** SQL conditions on the dimensions, with their parameters appended to {@code params}. */
    String dimensionConditions(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        condition(sql, params, "region_code", region);
        condition(sql, params, "unit_id", unit);
        condition(sql, params, "category_code", category);
        condition(sql, params, "channel", channel);
        return sql.toString();
    }


    private static void condition(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, "must be a date such as 2026-01-31 (China time)");
        }
    }

    /** The petitions' intake channels (petition-service's Channel), as events carry them. */
    public static final List<String> CHANNELS = List.of("app", "web", "hotline", "mini-program", "mailbox");

    private static String channel(String value) {
        String code = code("channel", value);
        if (code != null && !CHANNELS.contains(code)) {
            throw ProblemException.invalidParameter("channel", "must be one of " + String.join(", ", CHANNELS));
        }
        return code;
    }

    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CODE.matcher(value).matches()) {
            throw ProblemException.invalidParameter(name, "must be a code of 1 to 64 letters, digits or . _ -");
        }
        return value;
    }
}
