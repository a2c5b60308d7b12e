package org.minhu.notification.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.minhu.common.persistence.NativeWrites;

/**
 * Writes one notification and its deliveries, in the caller's transaction: the in-app inbox row, and
 * one PENDING delivery per external channel the recipient turned on (e-mail, webhook), which the
 * dispatcher sends. The same event, recipient and kind never make a second notification (a UNIQUE key
 * beside the consumers' processed-event record).
 */
@ApplicationScoped
public class Notifier {

    private final EntityManager em;
    private final ObjectMapper json;

    public Notifier(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** The notification's id, or null when this event already notified this recipient of this kind. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID notify(UUID sourceEventId, String recipient, Kind kind, UUID petitionId, UUID caseId,
                       Map<String, Object> variables, boolean urgent) {
        String vars;
        try {
            vars = json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        UUID id = UUID.randomUUID();
        @SuppressWarnings("unchecked")
        List<Object> inserted = NativeWrites.statement(em, "INSERT INTO notification (id, recipient, kind, petition_id, case_id, "
                        + "variables, urgent, source_event_id) VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), ?7, ?8) "
                        + "ON CONFLICT (source_event_id, recipient, kind) DO NOTHING RETURNING id", "notification")
                .setParameter(1, id).setParameter(2, recipient).setParameter(3, kind.name()).setParameter(4, petitionId)
                .setParameter(5, caseId).setParameter(6, vars).setParameter(7, urgent).setParameter(8, sourceEventId)
                .getResultList();
        if (inserted.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> prefs = em.createNativeQuery("SELECT email_address, email_enabled, webhook_url, webhook_enabled "
                + "FROM preference WHERE recipient = ?1").setParameter(1, recipient).getResultList();
        if (!prefs.isEmpty()) {
            Object[] p = prefs.get(0);
            if (Boolean.TRUE.equals(p[1]) && p[0] != null) {
                delivery(id, "EMAIL", (String) p[0], maskEmail((String) p[0]));
            }
            if (Boolean.TRUE.equals(p[3]) && p[2] != null) {
                delivery(id, "WEBHOOK", (String) p[2], maskUrl((String) p[2]));
            }
        }
        return id;
    }

    private void delivery(UUID notificationId, String channel, String address, String masked) {
        NativeWrites.statement(em, "INSERT INTO delivery (id, notification_id, channel, address, address_masked, status) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, 'PENDING') ON CONFLICT (notification_id, channel) DO NOTHING", "delivery")
                .setParameter(1, UUID.randomUUID()).setParameter(2, notificationId).setParameter(3, channel)
                .setParameter(4, address).setParameter(5, masked).executeUpdate();
    }

    /** {@code wang@example.com} as {@code w***@example.com}. */
    public static String maskEmail(String address) {
        int at = address.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** A webhook URL as its scheme and host only: {@code https://hooks.example.com/***}. */
    public static String maskUrl(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/***";
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }
}
