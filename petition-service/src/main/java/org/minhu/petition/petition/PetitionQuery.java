package org.minhu.petition.petition;

import org.minhu.common.time.ChinaTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import org.minhu.common.problem.ProblemException;

/**
 * Filters and keyset paging of the petition list, parsed from query parameters with a clear
 * 400 for each bad one. Newest first; the cursor is the last row's (submittedAt, id).
 */
public record PetitionQuery(PetitionStatus status, String category, String region, Instant from, Instant to,
                            String text, int limit, Instant afterTime, UUID afterId) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PetitionQuery parse(String status, String category, String region, String from, String to,
                                      String q, Integer limit, String cursor) {
        PetitionStatus st = null;
        if (status != null) {
            try {
                st = PetitionStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidParameter("status", "must be one of " + List.of(PetitionStatus.values()));
            }
        }
        Instant f = from == null ? null : instant("from", from, false);
        Instant t = to == null ? null : instant("to", to, true);
        if (f != null && t != null && f.isAfter(t)) {
            throw ProblemException.invalidParameter("from", "must not be after to");
        }
        int lim = limit == null ? DEFAULT_LIMIT : limit;
        if (lim < 1 || lim > MAX_LIMIT) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (q != null && (q.isBlank() || q.length() > 100)) {
            throw ProblemException.invalidParameter("q", "must be 1 to 100 characters");
        }
        Instant afterTime = null;
        UUID afterId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterTime = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
                if (!org.minhu.common.time.ChinaTime.plausible(afterTime)) {
                    throw new IllegalArgumentException("out of range");
                }
            } catch (RuntimeException e) {
                throw ProblemException.invalidParameter("cursor", "is not a cursor this API returned");
            }
        }
        return new PetitionQuery(st, category, region, f, t, q, lim, afterTime, afterId);
    }

    static String cursorAfter(Petition last) {
        String raw = last.submittedAt + "|" + last.id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Rows of one petitioner matching the filters: one more than the limit, to know if a next page exists. */
    /** The petitioner's requests; every request when {@code petitionerId} is null (an auditor). */
    List<Petition> find(String petitionerId) {
        StringBuilder where = new StringBuilder(petitionerId == null ? "1 = 1" : "petitionerId = :me");
        Map<String, Object> params = new HashMap<>();
        if (petitionerId != null) {
            params.put("me", petitionerId);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (category != null) {
            where.append(" and categoryCode = :category");
            params.put("category", category);
        }
        if (region != null) {
            where.append(" and (regionCode = :region or townCode = :region)");
            params.put("region", region);
        }
        if (from != null) {
            where.append(" and submittedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and submittedAt < :to");
            params.put("to", to);
        }
        if (text != null) {
            where.append(" and (lower(title) like :q escape '\\' or lower(description) like :q escape '\\')");
            params.put("q", "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (afterTime != null) {
            where.append(" and (submittedAt < :afterTime or (submittedAt = :afterTime and id < :afterId))");
            params.put("afterTime", afterTime);
            params.put("afterId", afterId);
        }
        where.append(" order by submittedAt desc, id desc");
        return Petition.<Petition>find(where.toString(), params).page(0, limit + 1).list();
    }

    /**
     * An ISO date (a whole day in China time; {@code to} includes that day) or an ISO date-time
     * with offset.
     */
    private static Instant instant(String name, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ChinaTime.ZONE).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, "must be a date (2026-11-24) or a date-time with offset (2026-11-24T08:00:00+08:00)");
        }
    }
}
