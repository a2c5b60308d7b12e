package org.minhu.common.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code errors} names each invalid field with its reason;
 * {@code allowedActions} says what may be done instead when an action is not allowed now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail (application/problem+json)")
public record Problem(
        @Schema(description = "Identifies the kind of problem", examples = "urn:minhu:problem:validation") URI type,
        @Schema(description = "Short summary of the kind of problem", examples = "Invalid request") String title,
        @Schema(description = "HTTP status code", examples = "400") int status,
        @Schema(description = "What went wrong with this request") String detail,
        @Schema(description = "The request path") String instance,
        @Schema(description = "One entry per invalid field") List<FieldError> errors,
        @Schema(description = "Actions allowed in the current state") List<String> allowedActions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: its JSON path (or parameter name) and the reason. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "contact.phone") String field,
            @Schema(examples = "must be a mainland mobile number (11 digits) or a landline such as 023-12345678") String reason) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, allowedActions);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, allowedActions);
    }
}
