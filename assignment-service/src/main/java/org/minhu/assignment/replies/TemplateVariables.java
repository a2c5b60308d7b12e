package org.minhu.assignment.replies;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.time.ChinaTime;

/**
 * The variables a reply template may hold, written {@code {{name}}} (spaces inside the braces allowed):
 * {@code trackingNumber} (受理编号), {@code unitName} (the lead unit's Chinese name, under which the citizen
 * sees the answer), {@code filedDate} (the day the request was dispatched, which is the day it was filed:
 * dispatch follows filing within seconds, as 2026年12月3日, China time) and {@code title} (the request's
 * title). Pure: no database.
 */
public final class TemplateVariables {

    public static final List<String> KNOWN = List.of("trackingNumber", "unitName", "filedDate", "title");

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*\\}\\}");
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private TemplateVariables() {
    }

    /** 400 naming {@code body} and the first unknown variable, or a {{ or }} that opens or closes none. */
    public static void check(String body) {
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw invalid("unknown variable {{" + m.group(1) + "}}; the variables are " + names());
            }
        }
        String rest = VARIABLE.matcher(body).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            throw invalid("a {{ or }} that is no variable; the variables are " + names());
        }
    }

    /** The body with each variable replaced by its value. */
    public static String fill(String body, Map<String, String> values) {
        return VARIABLE.matcher(body).replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    }

    /** A date as the filled templates write it: 2026年12月3日 (China time). */
    public static String chineseDate(Instant at) {
        return ChinaTime.of(at).format(CHINESE_DATE);
    }

    private static String names() {
        return String.join(", ", KNOWN.stream().map(n -> "{{" + n + "}}").toList());
    }

    private static ProblemException invalid(String reason) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, "Invalid reply template: " + reason)
                .withErrors(List.of(new Problem.FieldError("body", reason))));
    }
}
