package org.minhu.common.input;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.minhu.common.problem.ProblemException;

/**
 * Refuses query parameters and path segments that hold a NUL, a lone surrogate or a control
 * character (after percent-decoding) with 400 naming the parameter, before any resource sees
 * them: PostgreSQL refuses NUL (the request failed with 500), the driver turns a lone surrogate
 * into '?', and no identifier, code or filter value has a reason to hold a control character.
 */
public class ParameterTextFilter {

    @ServerRequestFilter
    public void check(UriInfo uri) {
        Map<String, List<String>> query;
        Map<String, List<String>> path;
        List<PathSegment> segments;
        try {
            query = uri.getQueryParameters(true);
            path = uri.getPathParameters(true);
            segments = uri.getPathSegments(true);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("uri", "is not correctly percent-encoded");
        }
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            String nameProblem = TextRules.forbiddenInSingleLine(name);
            if (nameProblem != null) {
                throw ProblemException.invalidParameter("query", "a parameter name " + nameProblem);
            }
            for (String value : e.getValue()) {
                String reason = TextRules.forbiddenInSingleLine(value);
                if (reason != null) {
                    throw ProblemException.invalidParameter(name, reason);
                }
            }
        }
        for (Map.Entry<String, List<String>> e : path.entrySet()) {
            for (String value : e.getValue()) {
                String reason = TextRules.forbiddenInSingleLine(value);
                if (reason != null) {
                    throw ProblemException.invalidParameter(e.getKey(), reason);
                }
            }
        }
        // the rest of the path (segments that are not parameters)
        for (int i = 0; i < segments.size(); i++) {
            String reason = TextRules.forbiddenInSingleLine(segments.get(i).getPath());
            if (reason != null) {
                throw ProblemException.invalidParameter("path", "segment " + (i + 1) + " " + reason);
            }
        }
    }
}
