package org.minhu.assignment.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.minhu.assignment.calendar.WorkingCalendar;
import org.minhu.assignment.config.AssignmentConfig;
import org.minhu.assignment.routing.Router;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.outbox.Outbox;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

/** Dispatch (派单) of new petitions and the units' actions on their cases. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class CaseService {

    /** What dispatch needs of a submitted petition. */
    public record NewCase(UUID petitionId, String trackingNumber, String petitionerId, String title, String categoryCode,
                          String handling, String regionCode, String townCode) {
    }

    private final Router router;
    private final WorkingCalendar calendar;
    private final AssignmentConfig config;
    private final Outbox outbox;

    public CaseService(Router router, WorkingCalendar calendar, AssignmentConfig config, Outbox outbox) {
        this.router = router;
        this.calendar = calendar;
        this.outbox = outbox;
        this.config = config;
    }

    /** Routes the petition and opens its case; a petition that already has one is left alone. */
    public Optional<PetitionCase> dispatch(NewCase request) {
        if (PetitionCase.count("petitionId", request.petitionId()) > 0) {
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Router.Decision decision = router.route(request.categoryCode(), request.regionCode(), request.townCode(), now);
        PetitionCase c = new PetitionCase();
        c.id = UUID.randomUUID();
        c.petitionId = request.petitionId();
        c.trackingNumber = request.trackingNumber();
        c.petitionerId = request.petitionerId();
        c.title = request.title();
        c.categoryCode = request.categoryCode();
        c.handling = request.handling();
        c.regionCode = request.regionCode();
        c.townCode = request.townCode();
        c.status = CaseStatus.ASSIGNED;
        c.leadUnitId = decision.leadUnitId();
        c.routingRuleId = decision.ruleId();
        c.routingRuleVersion = decision.ruleVersion();
        c.routedByFallback = decision.fallback();
        c.dispatchedAt = now;
        boolean urgent = "URGENT".equals(request.handling());
        WorkingCalendar.Deadline sign = urgent ? calendar.plus(now, config.urgent().sign())
                : calendar.plusWorkingDays(now, config.limits().signWorkingDays());
        WorkingCalendar.Deadline answer = calendar.plusWorkingDays(now,
                urgent ? config.urgent().answerWorkingDays() : config.limits().answerWorkingDays());
        c.signDeadline = sign.at();
        c.answerDeadline = answer.at();
        c.calendarIncomplete = sign.calendarIncomplete() || answer.calendarIncomplete();
        c.updatedAt = now;
        c.persist();
        CaseHistory.of(c, "dispatch", null, "system",
                decision.fallback() ? "no routing rule: the governance centre dispatches by hand"
                        : "routing rule " + decision.ruleId() + " version " + decision.ruleVersion(), now).persist();
        publish(CaseEvents.ASSIGNED, c, decision.coUnitIds(), now);
        return Optional.of(c);
    }

    /** 签收: the unit takes the case on. */
    public PetitionCase sign(UnitCaller caller, UUID caseId) {
        PetitionCase c = actionable(caller, caseId, "sign");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CaseStatus from = c.status;
        c.status = CaseStatus.SIGNED;
        c.signedAt = now;
        c.updatedAt = now;
        CaseHistory.of(c, "sign", from, caller.unitId(), null, now).persist();
        publish(CaseEvents.SIGNED, c, List.of(), now);
        return c;
    }

    /** 答复: the unit's reply to the citizen. */
    public PetitionCase answer(UnitCaller caller, UUID caseId, String reply) {
        PetitionCase c = actionable(caller, caseId, "answer");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CaseStatus from = c.status;
        c.status = CaseStatus.ANSWERED;
        c.answeredAt = now;
        c.reply = reply.strip();
        c.updatedAt = now;
        CaseHistory.of(c, "answer", from, caller.unitId(), null, now).persist();
        publish(CaseEvents.ANSWERED, c, List.of(), now);
        return c;
    }

    /** The case if the caller may see it: its lead unit, or a governance centre over its region. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PetitionCase> visible(UnitCaller caller, UUID caseId) {
        return PetitionCase.<PetitionCase>findByIdOptional(caseId).filter(caller::maySee);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaseHistory> history(UUID caseId) {
        return CaseHistory.list("caseId = ?1 order by occurredAt, id", caseId);
    }

    private PetitionCase actionable(UnitCaller caller, UUID caseId, String action) {
        PetitionCase c = PetitionCase.<PetitionCase>findByIdOptional(caseId)
                .filter(caller::maySee)
                .orElseThrow(() -> ProblemException.notFound("No case " + caseId));
        if (!caller.unitId().equals(c.leadUnitId) || !c.status.allowedActions().contains(action)) {
            List<String> allowed = caller.unitId().equals(c.leadUnitId) ? c.status.allowedActions() : List.of();
            throw new ProblemException(new Problem(ProblemType.CONFLICT.uri(), ProblemType.CONFLICT.title(), 409,
                    "Action '" + action + "' is not allowed on a case in status " + c.status
                            + (caller.unitId().equals(c.leadUnitId) ? "" : " by a unit that does not lead it"),
                    null, null, new ArrayList<>(allowed)));
        }
        return c;
    }

    private void publish(String type, PetitionCase c, List<String> coUnits, Instant at) {
        Unit unit = Unit.findById(c.leadUnitId);
        outbox.append(CaseEvents.TOPIC, type, c.petitionId.toString(), at, new CaseEvents.CaseEventData(
                c.id, c.petitionId, c.trackingNumber, c.status.name(), c.leadUnitId,
                unit == null ? null : unit.nameZh, unit == null ? null : unit.nameEn,
                CaseEvents.ASSIGNED.equals(type) ? coUnits : null,
                c.routingRuleId, c.routingRuleVersion, CaseEvents.ASSIGNED.equals(type) ? c.routedByFallback : null,
                china(c.dispatchedAt), china(c.signDeadline), china(c.answerDeadline),
                c.calendarIncomplete, china(at), CaseEvents.ANSWERED.equals(type) ? c.reply : null));
    }

    static OffsetDateTime china(Instant t) {
        return t == null ? null : t.atZone(WorkingCalendar.CHINA).toOffsetDateTime();
    }
}
