package org.minhu.notification.api;

import java.net.URI;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.minhu.common.persistence.NativeWrites;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.notification.config.NotificationConfig;
import org.minhu.notification.notify.Messages;

import io.quarkus.security.Authenticated;

/** How the caller (or, for unit staff, their unit) is told: language, e-mail, webhook, quiet hours. */
@Authenticated
@Path("/api/v1/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notification preferences", description = "Language, e-mail, webhook and quiet hours of the caller (unit staff: their unit)")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A role without an inbox (auditor, admin)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PreferenceResource {

    /** A pragmatic address check: one @, a dotted domain, no spaces; at most 254 characters. */
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}");
    static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private final EntityManager em;
    private final Recipients recipients;
    private final boolean httpLocalhost;

    public PreferenceResource(EntityManager em, Recipients recipients, NotificationConfig config) {
        this.em = em;
        this.recipients = recipients;
        this.httpLocalhost = config.webhook().allowHttpLocalhost();
    }

    @GET
    @RolesAllowed({"citizen", "unit_staff", "governance"})
    @Operation(summary = "The caller's notification preferences (defaults when never set)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Preferences.class)))
    public Views.Preferences get() {
        return read(recipients.inbox());
    }

    @PUT
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"citizen", "unit_staff", "governance"})
    @Operation(summary = "Replace the caller's notification preferences",
            description = "E-mail must be an address; the webhook URL https (http only for localhost where the deployment allows it, "
                    + "in tests); quiet hours HH:mm, China time (start = end: none). Applies to notifications made from now on.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Views.Preferences.class)))
    @APIResponse(responseCode = "400", description = "Invalid body (each field named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Views.Preferences put(Views.Preferences body) {
        String recipient = recipients.inbox();
        if (body == null) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "A body is required")
                    .withErrors(List.of(new Problem.FieldError("body", "must be a JSON object"))));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String locale = body.locale() == null ? Messages.ZH : body.locale();
        if (!Messages.ZH.equals(locale) && !Messages.EN.equals(locale)) {
            errors.add(new Problem.FieldError("locale", "must be zh-CN or en"));
        }
        String email = body.email() == null ? null : blankToNull(body.email().address());
        boolean emailOn = body.email() != null && Boolean.TRUE.equals(body.email().enabled());
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new Problem.FieldError("email.address", "must be an e-mail address such as wang@example.com"));
        } else if (emailOn && email == null) {
            errors.add(new Problem.FieldError("email.address", "is required when e-mail is enabled"));
        }
        String url = body.webhook() == null ? null : blankToNull(body.webhook().url());
        boolean webhookOn = body.webhook() != null && Boolean.TRUE.equals(body.webhook().enabled());
        if (url != null) {
            String reason = urlProblem(url);
            if (reason != null) {
                errors.add(new Problem.FieldError("webhook.url", reason));
            }
        } else if (webhookOn) {
            errors.add(new Problem.FieldError("webhook.url", "is required when the webhook is enabled"));
        }
        String start = body.quietHours() == null || body.quietHours().start() == null ? "22:00" : body.quietHours().start();
        String end = body.quietHours() == null || body.quietHours().end() == null ? "08:00" : body.quietHours().end();
        if (!HH_MM.matcher(start).matches()) {
            errors.add(new Problem.FieldError("quietHours.start", "must be a time of day HH:mm such as 22:00"));
        }
        if (!HH_MM.matcher(end).matches()) {
            errors.add(new Problem.FieldError("quietHours.end", "must be a time of day HH:mm such as 08:00"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "Invalid notification preferences").withErrors(errors));
        }
        NativeWrites.statement(em, "INSERT INTO preference (recipient, locale, email_address, email_enabled, webhook_url, webhook_enabled, "
                        + "quiet_start, quiet_end, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now()) "
                        + "ON CONFLICT (recipient) DO UPDATE SET locale = EXCLUDED.locale, email_address = EXCLUDED.email_address, "
                        + "email_enabled = EXCLUDED.email_enabled, webhook_url = EXCLUDED.webhook_url, "
                        + "webhook_enabled = EXCLUDED.webhook_enabled, quiet_start = EXCLUDED.quiet_start, "
                        + "quiet_end = EXCLUDED.quiet_end, updated_at = now()", "preference")
                .setParameter(1, recipient).setParameter(2, locale).setParameter(3, email).setParameter(4, emailOn)
                .setParameter(5, url).setParameter(6, webhookOn)
                .setParameter(7, LocalTime.parse(start)).setParameter(8, LocalTime.parse(end)).executeUpdate();
        return read(recipient);
    }

    private String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "must be an absolute https URL";
        }
        if (url.length() > 2000 || uri.getScheme() == null || uri.getHost() == null || uri.getUserInfo() != null) {
            return "must be an absolute https URL (no user info)";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if ("http".equals(scheme) && httpLocalhost && ("localhost".equals(host) || "127.0.0.1".equals(host))) {
            return null;
        }
        return "must be an https URL";
    }

    @SuppressWarnings("unchecked")
    private Views.Preferences read(String recipient) {
        List<Object[]> rows = em.createNativeQuery("SELECT locale, email_address, email_enabled, webhook_url, webhook_enabled, "
                + "to_char(quiet_start, 'HH24:MI'), to_char(quiet_end, 'HH24:MI') FROM preference WHERE recipient = ?1")
                .setParameter(1, recipient).getResultList();
        if (rows.isEmpty()) {
            return new Views.Preferences(Messages.ZH, new Views.Email(null, false), new Views.Webhook(null, false),
                    new Views.QuietHours("22:00", "08:00"));
        }
        Object[] r = rows.get(0);
        return new Views.Preferences((String) r[0], new Views.Email((String) r[1], (Boolean) r[2]),
                new Views.Webhook((String) r[3], (Boolean) r[4]), new Views.QuietHours((String) r[5], (String) r[6]));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
