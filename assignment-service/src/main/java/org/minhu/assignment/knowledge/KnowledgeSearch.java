package org.minhu.assignment.knowledge;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.minhu.common.input.TextRules;
import org.minhu.common.problem.ProblemException;

/**
 * The text and filter conditions of the two searches, as HQL on KnowledgeEntry. The text search is a
 * case-insensitive substring match (ILIKE) over question and answer, with the pattern characters of
 * {@code q} escaped. Stock PostgreSQL's full-text parsers do not segment Chinese (a whole sentence
 * is one token), and a pg_trgm index serves no query shorter than three characters, while most Chinese
 * search words have two (降压, 医保). A knowledge base is a bounded set (hundreds to a few thousand
 * entries for a city), so the scan costs milliseconds. See the module's README.
 */
final class KnowledgeSearch {

    final StringBuilder where = new StringBuilder("1 = 1");
    final Map<String, Object> params = new HashMap<>();

    KnowledgeSearch text(String q) {
        if (q == null) {
            return this;
        }
        String trimmed = q.strip();
        String bad = TextRules.forbiddenInSingleLine(trimmed);
        if (trimmed.isEmpty() || trimmed.length() > 100 || bad != null) {
            throw ProblemException.invalidParameter("q", "must be 1 to 100 characters of one line of text");
        }
        String pattern = "%" + trimmed.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        where.append(" and (question ilike :q escape '!' or answer ilike :q escape '!')");
        params.put("q", pattern);
        return this;
    }

    KnowledgeSearch equal(String field, String param, String value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(param);
            params.put(param, value);
        }
        return this;
    }

    KnowledgeSearch reviewOverdue(Boolean overdue, LocalDate today) {
        if (overdue != null) {
            where.append(overdue ? " and reviewBy < :today" : " and reviewBy >= :today");
            params.put("today", today);
        }
        return this;
    }

    KnowledgeSearch publicAndValidOn(LocalDate today) {
        where.append(" and isPublic = true and validFrom <= :day and (validUntil is null or validUntil >= :day)");
        params.put("day", today);
        return this;
    }

    List<KnowledgeEntry> page(int limit, int offset) {
        if (limit < 1 || limit > 100) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and 100");
        }
        if (offset < 0) {
            throw ProblemException.invalidParameter("offset", "must not be negative");
        }
        return KnowledgeEntry.<KnowledgeEntry>find(where + " order by categoryCode, question, id", params)
                .range(offset, offset + limit - 1).list();
    }
}
