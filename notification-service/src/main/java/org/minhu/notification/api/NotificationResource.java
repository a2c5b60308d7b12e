package org.minhu.notification.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.persistence.NativeWrites;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.notification.channel.DispatcherTimes;
import org.minhu.notification.notify.Messages;

import io.quarkus.security.Authenticated;

/** The in-app inbox (站内消息): a citizen's own notifications, or a unit's for its staff. */
@Authenticated
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "消息通知: what happened to a request, for its petitioner and for the unit handling it")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A role without an inbox (auditor, admin), or unit staff without a unit",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class NotificationResource {

    private final EntityManager em;
    private final Recipients recipients;
    private final Messages messages;
    private final ObjectMapper json;

    public NotificationResource(EntityManager em, Recipients recipients, Messages messages, ObjectMapper json) {
        this.em = em;
        this.recipients = recipients;
        this.messages = messages;
        this.json = json;
    }

    @GET
    @RolesAllowed({"citizen", "unit_staff", "governance"})
    @Operation(summary = "The caller's notifications, newest first",
            description = "A citizen's own, or (unit staff) their unit's. Rendered in the locale of Accept-Language (zh-CN by default, en).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Page.class)))
    @APIResponse(responseCode = "400", description = "A parameter out of range (named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SuppressWarnings("unchecked")
    public Views.Page list(@Parameter(description = "1 to 100 (20 by default)") @QueryParam("limit") Integer limit,
                           @Parameter(description = "The nextCursor of the previous page") @QueryParam("before") String before,
                           @Parameter(description = "Only the unread ones") @QueryParam("unreadOnly") Boolean unreadOnly,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and 100");
        }
        Cursor cursor = before == null || before.isEmpty() ? null : Cursor.parse(before);
        String recipient = recipients.inbox();
        String locale = Messages.locale(acceptLanguage);
        StringBuilder sql = new StringBuilder("SELECT id, kind, petition_id, case_id, CAST(variables AS text), created_at, read_at "
                + "FROM notification WHERE recipient = ?1");
        if (Boolean.TRUE.equals(unreadOnly)) {
            sql.append(" AND read_at IS NULL");
        }
        if (cursor != null) {
            sql.append(" AND (created_at, id) < (?2, ?3)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(size + 1);
        var query = em.createNativeQuery(sql.toString()).setParameter(1, recipient);
        if (cursor != null) {
            query.setParameter(2, cursor.createdAt()).setParameter(3, cursor.id());
        }
        List<Object[]> rows = query.getResultList();
        List<Views.Notification> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            items.add(view(rows.get(i), locale));
        }
        String next = null;
        if (rows.size() > size) {
            Views.Notification last = items.get(items.size() - 1);
            next = new Cursor(last.createdAt(), last.id()).encode();
        }
        long unread = ((Number) em.createNativeQuery("SELECT count(*) FROM notification WHERE recipient = ?1 AND read_at IS NULL")
                .setParameter(1, recipient).getSingleResult()).longValue();
        return new Views.Page(items, unread, next);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"citizen", "unit_staff", "governance"})
    @Operation(summary = "One of the caller's notifications")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Notification.class)))
    @APIResponse(responseCode = "404", description = "No such notification of the caller's (another's is not found either)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SuppressWarnings("unchecked")
    public Views.Notification get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, kind, petition_id, case_id, CAST(variables AS text), created_at, read_at "
                + "FROM notification WHERE id = ?1 AND recipient = ?2").setParameter(1, id).setParameter(2, recipients.inbox()).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("No notification " + id);
        }
        return view(rows.get(0), Messages.locale(acceptLanguage));
    }

    @POST
    @Path("/{id}/read")
    @Transactional
    @RolesAllowed({"citizen", "unit_staff", "governance"})
    @Operation(summary = "Mark one notification read (again: no change)")
    @APIResponse(responseCode = "204", description = "Read")
    @APIResponse(responseCode = "404", description = "No such notification of the caller's (another's is not found either)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void read(@PathParam("id") UUID id) {
        int updated = NativeWrites.statement(em, "UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = ?1 AND recipient = ?2",
                "notification").setParameter(1, id).setParameter(2, recipients.inbox()).executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("No notification " + id);
        }
    }

    @POST
    @Path("/read-all")
    @Transactional
    @RolesAllowed({"citizen", "unit_staff", "governance"})
    @Operation(summary = "Mark every notification of the caller read")
    @APIResponse(responseCode = "204", description = "Read")
    public void readAll() {
        NativeWrites.statement(em, "UPDATE notification SET read_at = now() WHERE recipient = ?1 AND read_at IS NULL", "notification")
                .setParameter(1, recipients.inbox()).executeUpdate();
    }

    private Views.Notification view(Object[] r, String locale) {
        JsonNode variables;
        try {
            variables = json.readTree((String) r[4]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Messages.Rendered text = messages.render((String) r[1], locale, variables, "");
        return new Views.Notification((UUID) r[0], (String) r[1], (UUID) r[2], (UUID) r[3],
                variables.path("trackingNumber").asText(null), text.subject(), text.body(), text.link(),
                DispatcherTimes.instant(r[5]), r[6] == null ? null : DispatcherTimes.instant(r[6]));
    }

    /** A page boundary: the last item's creation time (microseconds) and id, base64url. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1000;
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "_" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String value) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int sep = text.indexOf('_');
                long micros = Long.parseLong(text.substring(0, sep));
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                if (!org.minhu.common.time.ChinaTime.plausible(at)) {
                    throw new IllegalArgumentException("out of range");
                }
                return new Cursor(at, UUID.fromString(text.substring(sep + 1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalidParameter("before", "must be the nextCursor of a previous page");
            }
        }
    }
}
