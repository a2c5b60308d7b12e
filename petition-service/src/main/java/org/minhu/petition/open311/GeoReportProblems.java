package org.minhu.petition.open311;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.minhu.common.problem.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Errors that the common layers answer before an Open311 resource method runs (a path that
 * matches no GeoReport endpoint, a parameter with a control character, a body that is not a
 * form) are written as GeoReport's own error list, in the format the path names, instead of
 * problem+json: an Open311 client reads one error shape only.
 */
public class GeoReportProblems {

    private final GeoReportWriter writer;
    private final ObjectMapper json;

    public GeoReportProblems(GeoReportWriter writer, ObjectMapper json) {
        this.writer = writer;
        this.json = json;
    }

    @ServerResponseFilter
    public void asGeoReportErrors(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/open311/") || response.getMediaType() == null
                || !Problem.MEDIA_TYPE.equals(response.getMediaType().getType() + "/" + response.getMediaType().getSubtype())
                || !(response.getEntity() instanceof String body)) {
            return;
        }
        String format = path.endsWith("." + GeoReportWriter.XML) ? GeoReportWriter.XML : GeoReportWriter.JSON;
        List<Map<String, Object>> errors = new ArrayList<>();
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asText(problem.path("title").asText("Error"));
            if (problem.path("errors").isArray() && !problem.path("errors").isEmpty()) {
                problem.path("errors").forEach(e -> errors.add(error(response.getStatus(),
                        e.path("field").asText() + ": " + e.path("reason").asText())));
            } else {
                errors.add(error(response.getStatus(), detail));
            }
        } catch (java.io.IOException e) {
            errors.add(error(response.getStatus(), "The request could not be served"));
        }
        Response written = writer.write(response.getStatus(), format, "errors", errors);
        MediaType type = written.getMediaType();
        response.setEntity(written.getEntity(), new java.lang.annotation.Annotation[0], type);
        response.getHeaders().putSingle("Content-Type", type.toString());
    }

    private static Map<String, Object> error(int status, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", status);
        e.put("description", description);
        return e;
    }
}
