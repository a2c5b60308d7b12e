package org.minhu.assignment.cases;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.security.BearerCaller;
import org.minhu.common.time.ChinaTime;

/**
 * 撤回: the petitioner withdraws their request. It lives here, not in petition-service, because
 * only the case knows whether a unit has signed for it; the gateway routes
 * {@code /api/v1/petitions/{id}/withdrawal} to this service.
 */
@io.quarkus.security.Authenticated
@Path("/api/v1/petitions/{id}/withdrawal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Petitions", description = "A citizen files requests (诉求) and follows them")
public class WithdrawalResource {

    @Schema(name = "Withdrawal", description = "Why the petitioner withdraws the request")
    public record Withdrawal(
            @Schema(description = "RESOLVED (问题已解决), FILED_BY_MISTAKE (误提交), DUPLICATE (重复提交) or OTHER (其他, give a reason)")
            @NotNull(message = "is required; one of RESOLVED, FILED_BY_MISTAKE, DUPLICATE, OTHER") WithdrawalReason reasonCode,
            @Schema(description = "Free text; required with OTHER", examples = "物业已经修好了")
            @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    @Schema(name = "WithdrawalResult")
    public record WithdrawalView(UUID petitionId, UUID caseId, String trackingNumber,
                                 @Schema(examples = "WITHDRAWN") CaseStatus status, OffsetDateTime withdrawnAt,
                                 WithdrawalReason reasonCode, String reason) {

        static WithdrawalView of(PetitionCase c) {
            return new WithdrawalView(c.petitionId, c.id, c.trackingNumber, c.status, ChinaTime.of(c.withdrawnAt),
                    c.withdrawalReasonCode, c.withdrawalReason);
        }
    }

    private final CaseService service;
    private final BearerCaller bearer;

    public WithdrawalResource(CaseService service, BearerCaller bearer) {
        this.service = service;
        this.bearer = bearer;
    }

    @POST
    @jakarta.annotation.security.RolesAllowed({"citizen"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Withdraw my request (撤回)",
            description = "While no unit has signed for it (status ASSIGNED, or RETURNED and waiting for the governance "
                    + "centre). The case closes as WITHDRAWN: it is not answered or rated, and it is left out of the rates "
                    + "(see docs/domain.md, \"Rates\"). The request's own status turns WITHDRAWN a moment later, when "
                    + "petition-service has the event. Sending it again answers the first withdrawal.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Withdrawal.class),
            examples = @ExampleObject(name = "duplicate", value = "{\"reasonCode\": \"DUPLICATE\", \"reason\": \"昨天已经提交过同样的诉求\"}")))
    @APIResponse(responseCode = "200", description = "Withdrawn (now or before)",
            content = @Content(schema = @Schema(implementation = WithdrawalView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No caller identity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such request of the caller's, or not dispatched yet (status SUBMITTED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A unit has signed for it, or it is answered: detail says which",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WithdrawalView withdraw(@PathParam("id") UUID petitionId,
                                   @Valid @NotNull(message = "a JSON body is required") Withdrawal body) {
        String petitioner = bearer.requireAny(BearerCaller.CITIZEN).subject();
        if (body.reasonCode() == WithdrawalReason.OTHER && (body.reason() == null || body.reason().isBlank())) {
            throw ProblemException.invalidParameter("reason", "is required when reasonCode is OTHER");
        }
        return WithdrawalView.of(service.withdraw(petitioner, petitionId, body.reasonCode(), body.reason()));
    }
}
