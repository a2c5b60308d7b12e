package org.minhu.common.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minhu.common.json.InvalidTextException;

/**
 * One mapper per kind of failure, each answering RFC 9457 problem+json. No class name,
 * stack trace or internal message ever reaches the client; unexpected failures are logged
 * with an incident id that the client also receives.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Name of the resource-method parameter that carries the JSON body; it is left out of field paths. */
    public static final String BODY_PARAMETER = "body";

    private final ProblemResponses responses;

    public ProblemMappers(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    /** A bearer token that is expired, wrongly signed, unsigned or from another issuer. */
    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.UNAUTHENTICATED, "The bearer token is not valid (expired, not signed by the "
                + "platform's identity provider, or malformed)"), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.UNAUTHENTICATED, "A bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role may not do this"), uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return respond(Problem.of(ProblemType.VALIDATION, "Invalid value for: " + fields).withErrors(errors), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    /** Jackson's binding errors; declared apart so it wins over Quarkus' built-in mapper for this type. */
    @ServerExceptionMapper
    public Response binding(MismatchedInputException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(jsonProblem(json), uri);
        }
        // a parameter that did not convert: StrictParamConverters names it
        if (e.getCause() instanceof ProblemException problem) {
            return respond(problem.problem(), uri);
        }
        // one that a converter of Quarkus' own refused (a date, say): JAX-RS says 404, but the path exists
        if (e instanceof jakarta.ws.rs.NotFoundException && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            return respond(Problem.of(ProblemType.VALIDATION, "A query or path parameter has the wrong format"), uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "This resource answers application/json";
            case 413 -> "The request body is larger than the limit";
            case 415 -> "Send the body as application/json";
            default -> type.title();
        };
        return respond(new Problem(type.uri(), type.title(), status, detail, null, null, null), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.StaleStateException) {
                // someone else changed the same record between our read and our write (another user, a
                // supervision job): nothing was changed by this request, and it may simply be sent again
                LOG.infof("Concurrent change on %s: %s", uri.getPath(), cause.getMessage());
                return respond(Problem.of(ProblemType.CONFLICT,
                        "The record was changed by someone else at the same moment; nothing was changed. Read it again and retry."), uri);
            }
        }
        if (org.minhu.common.inbox.Failures.writeConflict(e)) {
            // a deadlock or serialization failure with a concurrent transaction: PostgreSQL rolled this one
            // back, nothing was changed, and the same request succeeds when sent again
            LOG.infof("Write conflict on %s: %s", uri.getPath(), rootMessage(e));
            Response busy = respond(Problem.of(ProblemType.UNAVAILABLE,
                    "Records this request needed were being changed at the same moment; nothing was changed. Retry it."), uri);
            return Response.fromResponse(busy).header("Retry-After", "1").build();
        }
        if (org.minhu.common.inbox.Failures.databaseUnavailable(e)) {
            // PostgreSQL restarting, a connection it terminated, or the pool exhausted: not a bug, and
            // the same request may succeed in a moment (a POST safely with its Idempotency-Key)
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), rootMessage(e));
            Response unavailable = respond(Problem.of(ProblemType.UNAVAILABLE,
                    "The database could not be reached; the request may not have been completed. Retry it in a moment "
                            + "(a POST with the same Idempotency-Key is applied at most once)."), uri);
            return Response.fromResponse(unavailable).header("Retry-After", "1").build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s, on %s", incident, uri.getPath());
        return respond(Problem.of(ProblemType.INTERNAL,
                "The request could not be completed. Incident " + incident + " has been logged."), uri);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private Response respond(Problem problem, UriInfo uri) {
        return responses.toResponse(problem.instance() == null ? problem.withInstance(uri.getPath()) : problem);
    }

    static Problem jsonProblem(JsonProcessingException e) {
        StreamReadException duplicate = duplicateKey(e);
        if (duplicate != null) {
            String field = duplicatePath(duplicate);
            return Problem.of(ProblemType.VALIDATION, "Duplicate key: " + field)
                    .withErrors(List.of(new Problem.FieldError(field, "appears more than once in the same object")));
        }
        if (e instanceof InvalidTextException text) {
            String field = pathOf(text);
            return Problem.of(ProblemType.VALIDATION, "Invalid value for: " + field)
                    .withErrors(List.of(new Problem.FieldError(field, text.reason())));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = pathOf(unknown);
            return Problem.of(ProblemType.VALIDATION, "Unknown field: " + field)
                    .withErrors(List.of(new Problem.FieldError(field, "unknown field; it cannot be set by a client")));
        }
        if (e instanceof InvalidFormatException invalid) {
            String field = pathOf(invalid);
            Class<?> target = invalid.getTargetType();
            String reason = target != null && target.isEnum()
                    ? "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                            .collect(Collectors.joining(", "))
                    : expected(target, "has the wrong format");
            return Problem.of(ProblemType.VALIDATION, "Invalid value for: " + field)
                    .withErrors(List.of(new Problem.FieldError(field, reason)));
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = pathOf(mismatched);
            return Problem.of(ProblemType.VALIDATION, "Invalid value for: " + field)
                    .withErrors(List.of(new Problem.FieldError(field, expected(mismatched.getTargetType(), "has the wrong type"))));
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON" + where);
    }

    /** What a JSON value of {@code target} must be, or {@code fallback}. */
    private static String expected(Class<?> target, String fallback) {
        if (target == null) {
            return fallback;
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
            return "must be a number";
        }
        return fallback;
    }

    /** The parser's refusal of a key given twice (STRICT_DUPLICATE_DETECTION), wherever it is in the chain. */
    private static StreamReadException duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException read && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith("Duplicate field '")) {
                return read;
            }
        }
        return null;
    }

    /** The duplicate key's path, from the parser's position when it refused it (the key included). */
    private static String duplicatePath(StreamReadException e) {
        if (e.getProcessor() != null && e.getProcessor().getParsingContext() != null) {
            List<String> parts = new ArrayList<>();
            for (JsonStreamContext c = e.getProcessor().getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    parts.add(0, "." + c.getCurrentName());
                } else if (c.inArray()) {
                    parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
                }
            }
            String path = String.join("", parts);
            if (path.startsWith(".")) {
                path = path.substring(1);
            }
            if (!path.isEmpty()) {
                return path;
            }
        }
        String message = e.getOriginalMessage();
        int end = message.indexOf('\'', "Duplicate field '".length());
        return end < 0 ? "body" : message.substring("Duplicate field '".length(), end);
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && BODY_PARAMETER.equals(node.getName())) {
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
            }
            if (name != null && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        return parts.isEmpty() ? BODY_PARAMETER : String.join(".", parts);
    }
}
