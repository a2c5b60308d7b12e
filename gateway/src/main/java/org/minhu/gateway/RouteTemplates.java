package org.minhu.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route template of a request path, for the {@code uri} tag of Quarkus' {@code http.server.requests}
 * metrics: the gateway's proxy routes ({@code /api/*}, {@code /open311/*}) are plain Vert.x routes with
 * no template of their own, and Quarkus would otherwise tag the raw path, with its petition ids,
 * tracking numbers and whatever a caller typed (one series per value). The templates are the
 * services' JAX-RS ones; a path that matches none is tagged by its prefix ({@code /api/*},
 * {@code /open311/*}, {@code /q/*}, {@code /*}), so the set of values is fixed whatever callers send. A
 * route a service adds without a template here loses its detail in the metrics, never its bound.
 */
final class RouteTemplates {

    /** Most specific first: literals before a parameter in the same place. */
    private static final List<String> TEMPLATES = List.of(
            "/api/v1/petitions",
            "/api/v1/petitions/{petitionId}/feedback/call-back",
            "/api/v1/petitions/{petitionId}/feedback",
            "/api/v1/petitions/similar",
            "/api/v1/petitions/{id}/withdrawal",
            "/api/v1/petitions/{id}/supporters",
            "/api/v1/petitions/{id}/additions",
            "/api/v1/petitions/{id}/attachments/{attachmentId}/thumbnail",
            "/api/v1/petitions/{id}/attachments/{attachmentId}",
            "/api/v1/petitions/{id}/attachments",
            "/api/v1/petitions/{id}",
            "/api/v1/categories",
            "/api/v1/regions",
            "/api/v1/open311-clients",
            "/api/v1/open311-clients/{id}",
            "/api/v1/track/{trackingNumber}",
            "/api/v1/cases",
            "/api/v1/cases/sign",
            "/api/v1/cases/counts",
            "/api/v1/cases/{id}/extension/decision",
            "/api/v1/cases/{id}/extension",
            "/api/v1/cases/{id}/sign",
            "/api/v1/cases/{id}/return",
            "/api/v1/cases/{id}/ruling",
            "/api/v1/cases/{id}/transfer",
            "/api/v1/cases/{id}/co-handlers",
            "/api/v1/cases/{id}/answer",
            "/api/v1/cases/{id}/refusal",
            "/api/v1/cases/{id}/hand-off",
            "/api/v1/cases/{id}/notes",
            "/api/v1/cases/{id}/reply-draft",
            "/api/v1/cases/{id}/officer",
            "/api/v1/cases/{id}",
            "/api/v1/units",
            "/api/v1/units/{id}/activate",
            "/api/v1/units/{id}/deactivate",
            "/api/v1/units/{unitId}/reply-templates",
            "/api/v1/units/{unitId}/reply-templates/{templateId}",
            "/api/v1/units/{id}",
            "/api/v1/knowledge",
            "/api/v1/knowledge/public",
            "/api/v1/knowledge/{id}",
            "/api/v1/routing-rules",
            "/api/v1/routing-rules/dry-run",
            "/api/v1/notifications",
            "/api/v1/notifications/read-all",
            "/api/v1/notifications/{id}/read",
            "/api/v1/notifications/{id}",
            "/api/v1/notification-preferences",
            "/api/v1/notification-deliveries",
            "/api/v1/stats/satisfaction",
            "/api/v1/stats/handling",
            "/api/v1/stats/records",
            "/api/v1/stats/rankings",
            "/api/v1/stats/hotspots",
            "/api/v1/dead-letters/petition",
            "/api/v1/dead-letters/petition/replay",
            "/api/v1/dead-letters/petition/{id}/replay",
            "/api/v1/dead-letters/petition/{id}/discard",
            "/api/v1/dead-letters/petition/{id}",
            "/api/v1/dead-letters/assignment",
            "/api/v1/dead-letters/assignment/replay",
            "/api/v1/dead-letters/assignment/{id}/replay",
            "/api/v1/dead-letters/assignment/{id}/discard",
            "/api/v1/dead-letters/assignment/{id}",
            "/api/v1/dead-letters/feedback",
            "/api/v1/dead-letters/feedback/replay",
            "/api/v1/dead-letters/feedback/{id}/replay",
            "/api/v1/dead-letters/feedback/{id}/discard",
            "/api/v1/dead-letters/feedback/{id}",
            "/api/v1/dead-letters/notification",
            "/api/v1/dead-letters/notification/replay",
            "/api/v1/dead-letters/notification/{id}/replay",
            "/api/v1/dead-letters/notification/{id}/discard",
            "/api/v1/dead-letters/notification/{id}",
            "/open311/v2/discovery.{format}",
            "/open311/v2/services.{format}",
            "/open311/v2/services/{code}.{format}",
            "/open311/v2/requests.{format}",
            "/open311/v2/requests/{id}.{format}",
            "/open311/v2/tokens/{token}.{format}",
            // the gateway's own
            "/dev/tokens",
            "/q/health",
            "/q/health/live",
            "/q/health/ready",
            "/q/health/started",
            "/q/openapi",
            "/q/openapi-gateway",
            "/",
            "/index.html");

    private record Template(Pattern pattern, String template) {
    }

    private static final List<Template> COMPILED = compile();

    private RouteTemplates() {
    }

    /** The template {@code path} belongs to; a fixed prefix when it belongs to none. */
    static String of(String path) {
        if (path == null || path.isEmpty()) {
            return "/*";
        }
        for (Template t : COMPILED) {
            if (t.pattern().matcher(path).matches()) {
                return t.template();
            }
        }
        if (path.startsWith("/api/")) {
            return "/api/*";
        }
        if (path.startsWith("/open311/")) {
            return "/open311/*";
        }
        if (path.startsWith("/q/")) {
            return "/q/*";
        }
        return "/*"; // the web front-end's files and routes, and anything else
    }

    private static List<Template> compile() {
        List<Template> compiled = new ArrayList<>();
        Pattern parameter = Pattern.compile("\\{[A-Za-z]+}");
        for (String template : TEMPLATES) {
            StringBuilder regex = new StringBuilder();
            Matcher m = parameter.matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+?");
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last))).append("/?");
            compiled.add(new Template(Pattern.compile(regex.toString()), template));
        }
        return compiled;
    }
}
