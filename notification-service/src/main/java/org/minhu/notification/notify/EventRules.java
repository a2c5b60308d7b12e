package org.minhu.notification.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minhu.common.events.CaseEvents;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.events.PetitionEvents;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.common.persistence.NativeWrites;
import org.minhu.common.privacy.PersonalData;
import org.minhu.common.time.ChinaTime;
import org.minhu.notification.config.NotificationConfig;

/**
 * Who is told what, for each event this service consumes. Case and feedback events need their
 * petition (whom to tell): one that comes before it (three topics, no order between them) is
 * retried in place ({@link InboundEvent.NotYetApplicableException}) for
 * {@code minhu.notification.wait-for-petition} from the first attempt, then dead-lettered, never dropped.
 */
@ApplicationScoped
public class EventRules {

    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EntityManager em;
    private final Notifier notifier;
    private final NotificationConfig config;

    public EventRules(EntityManager em, Notifier notifier, NotificationConfig config) {
        this.em = em;
        this.notifier = notifier;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void submitted(UUID eventId, PetitionEvents.Submitted s) {
        PetitionRef ref = em.find(PetitionRef.class, s.petitionId());
        if (ref == null) {
            ref = new PetitionRef();
            ref.petitionId = s.petitionId();
            ref.petitionerId = s.petitionerId();
            ref.trackingNumber = s.trackingNumber();
            ref.title = s.title();
            ref.categoryCode = s.categoryCode();
            ref.regionCode = s.regionCode();
            ref.handling = s.handling();
            ref.submittedAt = s.submittedAt().toInstant();
            em.persist(ref);
            em.flush();
        }
        notifier.notify(eventId, ref.petitionerId, Kind.ACCEPTED, ref.petitionId, null, base(ref), ref.urgent());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void caseEvent(UUID eventId, String type, CaseEvents.Data d) {
        PetitionRef ref = petition(d.petitionId(), type);
        Map<String, Object> v = base(ref);
        v.put("unitNameZh", d.unitNameZh() == null ? d.unitId() : d.unitNameZh());
        v.put("unitNameEn", d.unitNameEn() == null ? d.unitId() : d.unitNameEn());
        String unit = Kind.unit(d.unitId());
        boolean urgent = ref.urgent();
        switch (type) {
            case CaseEvents.ASSIGNED -> {
                signDeadlinesDone(d.caseId());
                if (d.signDeadline() != null) {
                    signDeadline(d);
                    v.put("signDeadline", format(d.signDeadline()));
                }
                if (d.answerDeadline() != null) {
                    v.put("answerDeadline", format(d.answerDeadline()));
                }
                notifier.notify(eventId, ref.petitionerId, Kind.ASSIGNED, ref.petitionId, d.caseId(), v, urgent);
                notifier.notify(eventId, unit, Kind.UNIT_NEW_CASE, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.ANSWERED -> {
                signDeadlinesDone(d.caseId());
                v.put("reply", d.reply() == null ? "" : d.reply());
                notifier.notify(eventId, ref.petitionerId, Kind.ANSWERED, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.REOPENED -> {
                signDeadlinesDone(d.caseId());
                if (d.signDeadline() != null) {
                    signDeadline(d);
                    v.put("signDeadline", format(d.signDeadline()));
                }
                notifier.notify(eventId, ref.petitionerId, Kind.REOPENED, ref.petitionId, d.caseId(), v, urgent);
                notifier.notify(eventId, unit, Kind.UNIT_REOPENED, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.REMINDED -> {
                if (d.answerDeadline() != null) {
                    v.put("answerDeadline", format(d.answerDeadline()));
                }
                notifier.notify(eventId, unit, Kind.UNIT_REMINDED, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.ESCALATED -> {
                v.put("escalatedTo", d.escalatedTo() == null ? "" : d.escalatedTo());
                notifier.notify(eventId, unit, Kind.UNIT_ESCALATED, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.WITHDRAWN -> {
                signDeadlinesDone(d.caseId());
                notifier.notify(eventId, ref.petitionerId, Kind.WITHDRAWN, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.REFUSED -> {
                signDeadlinesDone(d.caseId());
                v.put("reasonCode", d.reasonCode() == null ? "" : d.reasonCode());
                v.put("route", d.route() == null ? "" : d.route());
                notifier.notify(eventId, ref.petitionerId, Kind.REFUSED, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.HANDED_OFF -> {
                signDeadlinesDone(d.caseId());
                v.put("reasonCode", d.reasonCode() == null ? "" : d.reasonCode());
                v.put("route", d.route() == null ? "" : d.route());
                notifier.notify(eventId, ref.petitionerId, Kind.HANDED_OFF, ref.petitionId, d.caseId(), v, urgent);
            }
            case CaseEvents.SIGNED, CaseEvents.RETURNED -> signDeadlinesDone(d.caseId());
            default -> {
                // co-handler-added, extension-*: nobody is told
            }
        }
    }

    /** feedback.round-opened: remembers when the window closes, for the reminder a day before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void roundOpened(FeedbackEvents.RoundOpened r) {
        petition(r.petitionId(), FeedbackEvents.ROUND_OPENED);
        NativeWrites.statement(em, "INSERT INTO rating_window (petition_id, round, case_id, closes_at) VALUES (?1, ?2, ?3, ?4) "
                        + "ON CONFLICT (petition_id, round) DO UPDATE SET closes_at = EXCLUDED.closes_at", "rating_window")
                .setParameter(1, r.petitionId()).setParameter(2, r.round()).setParameter(3, r.caseId())
                .setParameter(4, r.windowClosesAt().toInstant()).executeUpdate();
    }

    /** feedback.recorded or not-rated: the round needs no reminder any more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void roundClosed(UUID petitionId, int round) {
        NativeWrites.statement(em, "INSERT INTO rating_window (petition_id, round, case_id, closes_at, reminded_at) "
                        + "VALUES (?1, ?2, ?3, now(), now()) ON CONFLICT (petition_id, round) DO UPDATE "
                        + "SET reminded_at = coalesce(rating_window.reminded_at, now())", "rating_window")
                .setParameter(1, petitionId).setParameter(2, round).setParameter(3, new UUID(0, 0)).executeUpdate();
    }

    /** The petition, or a transient failure while its submitted event may still be on its way. */
    private PetitionRef petition(UUID petitionId, String type) {
        PetitionRef ref = em.find(PetitionRef.class, petitionId);
        if (ref != null) {
            return ref;
        }
        // retried for wait-for-petition from the first attempt, then dead-lettered: replay it once the petition is known
        throw new InboundEvent.NotYetApplicableException(type + " for petition " + petitionId + " before its petition.submitted",
                config.waitForPetition());
    }

    private void signDeadline(CaseEvents.Data d) {
        NativeWrites.statement(em, "INSERT INTO sign_deadline (case_id, unit_id, petition_id, deadline, unit_name_zh, unit_name_en) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING", "sign_deadline")
                .setParameter(1, d.caseId()).setParameter(2, d.unitId()).setParameter(3, d.petitionId())
                .setParameter(4, d.signDeadline().toInstant()).setParameter(5, d.unitNameZh()).setParameter(6, d.unitNameEn())
                .executeUpdate();
    }

    private void signDeadlinesDone(UUID caseId) {
        NativeWrites.statement(em, "UPDATE sign_deadline SET done = true WHERE case_id = ?1 AND NOT done", "sign_deadline")
                .setParameter(1, caseId).executeUpdate();
    }

    static Map<String, Object> base(PetitionRef ref) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("trackingNumber", ref.trackingNumber);
        // the title as the citizen wrote it may hold a phone or ID number: masked with no digit kept, since messages
        // leave the platform beside the tracking number (and the tracking lookup asks for the phone's last four digits)
        v.put("title", PersonalData.maskStrictly(ref.title));
        v.put("link", "/requests/" + ref.petitionId);
        return v;
    }

    static String format(OffsetDateTime t) {
        return MINUTES.format(ChinaTime.of(t.toInstant()));
    }

    static String format(Instant t) {
        return MINUTES.format(ChinaTime.of(t));
    }
}
