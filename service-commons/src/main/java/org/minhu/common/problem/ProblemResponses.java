package org.minhu.common.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes problems as application/problem+json, whatever the client asked for. */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;

    public ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response toResponse(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(toJson(problem))
                .build();
    }

    /** The problem with {@code Retry-After}: a refusal the same request overcomes by waiting (a 429, a 503). */
    public Response toResponse(Problem problem, long retryAfterSeconds) {
        return Response.fromResponse(toResponse(problem)).header("Retry-After", String.valueOf(retryAfterSeconds)).build();
    }

    public String toJson(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // A record of strings and numbers always serializes; keep a valid body regardless.
            return "{\"title\":\"Internal error\",\"status\":500}";
        }
    }
}
