package org.minhu.notification.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.notification.channel.DispatcherTimes;

import io.quarkus.security.Authenticated;

/** What was sent (or is held, or failed) on the external channels, addresses masked. */
@Authenticated
@Path("/api/v1/notification-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notification deliveries", description = "E-mails and webhooks sent, pending, held or failed: citizens their own, unit staff their unit's, admins all")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "An auditor",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DeliveryResource {

    private final EntityManager em;
    private final Recipients recipients;

    public DeliveryResource(EntityManager em, Recipients recipients) {
        this.em = em;
        this.recipients = recipients;
    }

    @GET
    @RolesAllowed({"citizen", "unit_staff", "governance", "admin"})
    @Operation(summary = "Delivery records, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Deliveries.class)))
    @APIResponse(responseCode = "400", description = "A parameter out of range (named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SuppressWarnings("unchecked")
    public Views.Deliveries list(@Parameter(description = "Only this petition's") @QueryParam("petitionId") UUID petitionId,
                                 @Parameter(description = "1 to 200 (50 by default)") @QueryParam("limit") Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and 200");
        }
        String scope = recipients.deliveryScope();
        StringBuilder sql = new StringBuilder("SELECT d.id, d.notification_id, n.kind, d.channel, d.address_masked, d.status, d.attempts, "
                + "d.last_error, d.created_at, d.sent_at FROM delivery d JOIN notification n ON n.id = d.notification_id WHERE true");
        if (scope != null) {
            sql.append(" AND n.recipient = :recipient");
        }
        if (petitionId != null) {
            sql.append(" AND n.petition_id = :petition");
        }
        sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT ").append(size);
        var query = em.createNativeQuery(sql.toString());
        if (scope != null) {
            query.setParameter("recipient", scope);
        }
        if (petitionId != null) {
            query.setParameter("petition", petitionId);
        }
        List<Views.DeliveryRecord> items = new ArrayList<>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            items.add(new Views.DeliveryRecord((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    ((Number) r[6]).intValue(), (String) r[7], DispatcherTimes.instant(r[8]),
                    r[9] == null ? null : DispatcherTimes.instant(r[9])));
        }
        return new Views.Deliveries(items);
    }
}
