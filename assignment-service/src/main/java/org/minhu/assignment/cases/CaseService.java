package org.minhu.assignment.cases;

import org.minhu.assignment.unit.UnitCaller;
import org.minhu.common.events.Topics;
import org.minhu.common.events.CaseEvents;
import org.minhu.common.time.ChinaTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * Dispatch (派单) of new petitions and every action on a case. Each action checks
 * {@link CasePolicy}, records who, when and why in the history, and publishes a case event
 * through the outbox in the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class CaseService {

    /** What dispatch needs of a submitted petition. */
    public record NewCase(UUID petitionId, String trackingNumber, String petitionerId, String title, String categoryCode,
                          String handling, String regionCode, String townCode) {
    }

    /** A ruling on a returned case: send it to another unit, or insist that the unit handles it. */
    public enum RulingDecision { REDISPATCH, INSIST }

    /** The actor of the petitioner's own steps (a role, never a person's id). */
    static final String PETITIONER = "petitioner";

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
        Instant now = now();
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
        c.routingRuleId = decision.ruleId();
        c.routingRuleVersion = decision.ruleVersion();
        c.routedByFallback = decision.fallback();
        c.dispatchedAt = now;
        assignTo(c, decision.leadUnitId(), now);
        c.persist();
        for (String co : decision.coUnitIds()) {
            addCoUnit(c, co, now);
        }
        history(c, "dispatch", null, "system", null, decision.fallback()
                ? "no routing rule: the governance centre dispatches by hand"
                : "routing rule " + decision.ruleId() + " version " + decision.ruleVersion(), now);
        publish(CaseEvents.ASSIGNED, c, decision.coUnitIds(), "dispatch", "system", null, null, null, null, now);
        return Optional.of(c);
    }

    /** 签收: the unit takes the case on. */
    public PetitionCase sign(UnitCaller caller, UUID caseId) {
        return signed(actionable(caller, caseId, CasePolicy.SIGN), caller);
    }

    /** What signing one case of a bulk sign came to. */
    public enum SignOutcome { SIGNED, ALREADY_SIGNED, CONFLICT, NOT_FOUND }

    /**
     * One case of a bulk sign: the case, or null when NOT_FOUND; the 409 problem the single sign would
     * answer when CONFLICT.
     */
    public record SignResult(UUID caseId, SignOutcome outcome, PetitionCase c, Problem problem) {
    }

    /**
     * 签收 of one case of a bulk sign, in a transaction of its own (a new one even if the caller had
     * one, so a case that fails never undoes another): the single sign's rules, history entry and
     * event, with its outcome reported instead of thrown. A case the caller's unit leads and has
     * already signed is ALREADY_SIGNED and writes nothing, so a retried bulk sign is harmless; a case
     * the caller does not see is NOT_FOUND, as the single sign's 404.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public SignResult signOne(UnitCaller caller, UUID caseId) {
        PetitionCase c = PetitionCase.<PetitionCase>findByIdOptional(caseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> CasePolicy.maySee(caller, found)).orElse(null);
        if (c == null) {
            return new SignResult(caseId, SignOutcome.NOT_FOUND, null, Problem.of(ProblemType.NOT_FOUND, "No case " + caseId));
        }
        List<String> allowed = CasePolicy.allowedActions(c, caller, Instant.now());
        if (allowed.contains(CasePolicy.SIGN)) {
            return new SignResult(caseId, SignOutcome.SIGNED, signed(c, caller), null);
        }
        if (c.status == CaseStatus.SIGNED && caller.leads(c.leadUnitId)) {
            return new SignResult(caseId, SignOutcome.ALREADY_SIGNED, c, null);
        }
        return new SignResult(caseId, SignOutcome.CONFLICT, c, notAllowed(c, caller, CasePolicy.SIGN, allowed));
    }

    private PetitionCase signed(PetitionCase c, UnitCaller caller) {
        Instant now = now();
        CaseStatus from = c.status;
        c.status = CaseStatus.SIGNED;
        c.signedAt = now;
        touched(c, now);
        history(c, "sign", from, caller.unitId(), null, null, now);
        publish(CaseEvents.SIGNED, c, "sign", caller.unitId(), null, null, now);
        return c;
    }

    /** 退单: the unit says the case is not theirs; the governance centre rules. */
    public PetitionCase returnCase(UnitCaller caller, UUID caseId, ReturnReason reason, String text) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.RETURN);
        Instant now = now();
        CaseStatus from = c.status;
        c.status = CaseStatus.RETURNED;
        c.previousUnitId = c.leadUnitId;
        c.returnCount++;
        if (c.returnCount > config.maxReturns()) {
            c.flagged = true;
            c.flagReason = "returned " + c.returnCount + " times: the governance centre's next ruling is final";
        }
        touched(c, now);
        history(c, "return", from, caller.unitId(), reason.name(), text, now);
        publish(CaseEvents.RETURNED, c, "return", caller.unitId(), reason.name(), text, now);
        return c;
    }

    /** 审定: the governance centre sends a returned case on, or back to the unit that returned it. */
    public PetitionCase rule(UnitCaller caller, UUID caseId, RulingDecision decision, String unitId, String reason) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.RULE);
        Instant now = now();
        CaseStatus from = c.status;
        if (decision == RulingDecision.REDISPATCH) {
            Unit target = activeUnit(unitId, "unitId");
            withinRegion(caller, target);
            if (target.id.equals(c.previousUnitId)) {
                throw ProblemException.unknownValue("unitId", unitId, "is the unit that returned the case; use INSIST");
            }
            assignTo(c, target.id, now);
        } else {
            // The clock kept running while the case was away: the unit's deadlines stand.
            c.status = CaseStatus.ASSIGNED;
            c.leadUnitId = c.previousUnitId;
            c.finalRuling = true;
        }
        if (c.flagged) {
            c.finalRuling = true;
        }
        touched(c, now);
        String action = decision == RulingDecision.REDISPATCH ? "redispatch" : "insist";
        history(c, action, from, caller.unitId(), null, reason, now);
        publish(CaseEvents.ASSIGNED, c, action, caller.unitId(), null, reason, now);
        return c;
    }

    /** 转办: the governance centre moves the case to another unit. */
    public PetitionCase transfer(UnitCaller caller, UUID caseId, String unitId, String reason) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.TRANSFER);
        Unit target = activeUnit(unitId, "unitId");
        withinRegion(caller, target);
        if (target.id.equals(c.leadUnitId)) {
            throw ProblemException.unknownValue("unitId", unitId, "already leads the case");
        }
        Instant now = now();
        CaseStatus from = c.status;
        c.previousUnitId = c.leadUnitId;
        assignTo(c, target.id, now);
        touched(c, now);
        history(c, "transfer", from, caller.unitId(), null, reason, now);
        publish(CaseEvents.ASSIGNED, c, "transfer", caller.unitId(), null, reason, now);
        return c;
    }

    /** 协办: another unit helps; it sees the case. */
    public PetitionCase addCoHandler(UnitCaller caller, UUID caseId, String unitId) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.ADD_CO_HANDLER);
        Unit unit = activeUnit(unitId, "unitId");
        if (unit.id.equals(c.leadUnitId) || CoUnit.count("caseId = ?1 and unitId = ?2", c.id, unit.id) > 0) {
            throw ProblemException.unknownValue("unitId", unitId, "already handles the case");
        }
        Instant now = now();
        addCoUnit(c, unit.id, now);
        touched(c, now);
        history(c, "add-co-handler", c.status, caller.unitId(), null, unit.id, now);
        publish(CaseEvents.CO_HANDLER_ADDED, c, "add-co-handler", caller.unitId(), null, unit.id, now);
        return c;
    }

    /** 延期: asked before the deadline, at most the configured working days, decided by the supervising level. */
    public PetitionCase requestExtension(UnitCaller caller, UUID caseId, int workingDays, String reason) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.REQUEST_EXTENSION);
        checkExtensionDays(workingDays, config.limits().maxExtensionWorkingDays());
        Instant now = now();
        c.extensionStatus = "PENDING";
        c.extensionDays = workingDays;
        c.extensionReason = reason;
        touched(c, now);
        history(c, "request-extension", c.status, caller.unitId(), null, workingDays + " working days: " + reason, now);
        publish(CaseEvents.EXTENSION_REQUESTED, c, "request-extension", caller.unitId(), null, reason, now);
        return c;
    }

    /** An extension asks for 1 to {@code max} working days; anything else is 400 naming workingDays. */
    static void checkExtensionDays(int workingDays, int max) {
        if (workingDays < 1 || workingDays > max) {
            throw ProblemException.invalidParameter("workingDays", "must be between 1 and " + max);
        }
    }

    public PetitionCase decideExtension(UnitCaller caller, UUID caseId, boolean approve, String reason) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.DECIDE_EXTENSION);
        Instant now = now();
        if (approve) {
            WorkingCalendar.Deadline d = calendar.plusWorkingDays(c.answerDeadline, c.extensionDays);
            c.answerDeadline = d.at();
            c.calendarIncomplete |= d.calendarIncomplete();
            c.extensionStatus = "APPROVED";
        } else {
            c.extensionStatus = "DENIED";
        }
        touched(c, now);
        String action = approve ? "approve-extension" : "deny-extension";
        history(c, action, c.status, caller.unitId(), null, reason, now);
        publish(approve ? CaseEvents.EXTENDED : CaseEvents.EXTENSION_DENIED, c, action, caller.unitId(), null, reason, now);
        return c;
    }

    /** 答复: the unit's reply to the citizen. */
    public PetitionCase answer(UnitCaller caller, UUID caseId, String reply) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.ANSWER);
        Instant now = now();
        CaseStatus from = c.status;
        c.status = CaseStatus.ANSWERED;
        c.answeredAt = now;
        c.reply = reply.strip();
        touched(c, now);
        history(c, "answer", from, caller.unitId(), null, null, now);
        publish(CaseEvents.ANSWERED, c, "answer", caller.unitId(), null, null, now);
        return c;
    }

    /**
     * 指派承办人: the lead unit's staff put one of them in charge of the case, while it is theirs to
     * handle (assigned, signed or reopened). Recorded in the history; no event, since the officer is
     * internal to the unit and must not reach the petitioner's timeline. The same officer again changes
     * nothing. A case the caller does not see is 404; seen but not led by the caller's unit, 403.
     */
    public PetitionCase assignOfficer(UnitCaller caller, UUID caseId, String officerId) {
        PetitionCase c = PetitionCase.<PetitionCase>findByIdOptional(caseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> CasePolicy.maySee(caller, found))
                .orElseThrow(() -> ProblemException.notFound("No case " + caseId));
        if (!caller.leads(c.leadUnitId)) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Only the staff of the lead unit " + c.leadUnitId
                    + " assign the case's officer"));
        }
        if (!CasePolicy.officerAssignable(c)) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "An officer is assigned while the case is the unit's "
                    + "to handle (ASSIGNED, SIGNED, REOPENED), not " + c.status));
        }
        if (officerId.equals(c.officerId)) {
            return c;
        }
        Instant now = now();
        String previous = c.officerId;
        c.officerId = officerId;
        touched(c, now);
        history(c, "assign-officer", c.status, caller.unitId(), null,
                previous == null ? "officer " + officerId : "officer " + officerId + " (was " + previous + ")", now);
        return c;
    }

    /**
     * 撤回: the petitioner withdraws the request while no unit has signed for it
     * ({@link CasePolicy#withdrawable}). The case closes as WITHDRAWN; nothing is answered or rated.
     * A second withdrawal answers the first one's result. Anyone but the petitioner, or a petition
     * not yet dispatched, gets 404 as for an unknown request; a case a unit has signed for gets 409.
     */
    public PetitionCase withdraw(String petitionerId, UUID petitionId, WithdrawalReason code, String text) {
        // locked like any action: a unit signing at the same moment either goes first (409 here) or waits and finds it withdrawn
        PetitionCase c = PetitionCase.<PetitionCase>find("petitionId", petitionId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).<PetitionCase>firstResultOptional()
                .filter(found -> found.petitionerId.equals(petitionerId))
                .orElseThrow(() -> ProblemException.notFound("No request " + petitionId + " to withdraw (a request can be "
                        + "withdrawn once it is dispatched, status ASSIGNED)"));
        if (c.status == CaseStatus.WITHDRAWN) {
            return c;
        }
        if (!CasePolicy.withdrawable(c)) {
            String why = switch (c.status) {
                case ANSWERED -> "it has been answered";
                case REOPENED -> "it is being handled again after your rating";
                default -> "the unit has signed for it (签收) and is handling it";
            };
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Request " + c.trackingNumber
                    + " can no longer be withdrawn: " + why + ". A request can be withdrawn until a unit signs for it."));
        }
        Instant now = now();
        CaseStatus from = c.status;
        c.status = CaseStatus.WITHDRAWN;
        c.withdrawnAt = now;
        c.withdrawalReasonCode = code;
        c.withdrawalReason = text == null || text.isBlank() ? null : text.strip();
        touched(c, now);
        history(c, "withdraw", from, PETITIONER, code.name(), c.withdrawalReason, now);
        publish(CaseEvents.WITHDRAWN, c, null, "withdraw", PETITIONER, code.name(), c.withdrawalReason, from, null, now);
        return c;
    }

    /**
     * 不予受理: the governance centre refuses a request that is out of remit, with a reason code and the
     * legal route to take instead, both shown to the petitioner. The case closes as REFUSED; it is never
     * answered or rated, and the rates count it apart.
     */
    public PetitionCase refuse(UnitCaller caller, UUID caseId, RefusalReason code, LegalRoute route, String reason) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.REFUSE);
        return close(c, CaseStatus.REFUSED, CaseEvents.REFUSED, "refuse", caller, code.name(), route.name(), reason);
    }

    /**
     * An emergency service (110, 119, 120, 122) or a utility's own hotline takes the request over at
     * once: the hand-off is recorded with its time and target, the petitioner is shown it, and the case
     * closes as HANDED_OFF.
     */
    public PetitionCase handOff(UnitCaller caller, UUID caseId, HandOffTarget target, String targetName, String reason) {
        PetitionCase c = actionable(caller, caseId, CasePolicy.HAND_OFF);
        String name = targetName == null || targetName.isBlank() ? null : targetName.strip();
        return close(c, CaseStatus.HANDED_OFF, CaseEvents.HANDED_OFF, "hand-off", caller, target.name(), name, reason);
    }

    private PetitionCase close(PetitionCase c, CaseStatus to, String type, String action, UnitCaller caller, String code,
                               String route, String reason) {
        Instant now = now();
        CaseStatus from = c.status;
        c.status = to;
        c.closedAt = now;
        c.closureCode = code;
        c.closureRoute = route;
        c.closureNote = reason.strip();
        touched(c, now);
        history(c, action, from, caller.unitId(), code, route == null ? c.closureNote : route + ": " + c.closureNote, now);
        publish(type, c, null, action, caller.unitId(), code, c.closureNote, from, route, now);
        return c;
    }

    /**
     * The petitioner added information (补充诉求): a history entry the handling unit reads. False when
     * the petition has no case yet (its dispatch has not been applied): the caller retries.
     */
    public boolean informationAdded(UUID petitionId, String text, Instant at) {
        PetitionCase c = PetitionCase.<PetitionCase>find("petitionId", petitionId).firstResult();
        if (c == null) {
            return false;
        }
        touched(c, now());
        history(c, "addition", c.status, PETITIONER, null, text, at);
        return true;
    }

    /**
     * Publishes the case's latest answer again, exactly as it was (same unit, time and reply), for a
     * rating round that feedback-service never opened; feedback-service opens a round once per answer.
     */
    public void republishAnswer(PetitionCase c) {
        publish(CaseEvents.ANSWERED, c, "answer", c.leadUnitId, null, null, c.answeredAt);
        c.answerRepublishedAt = now();
    }

    /**
     * 重办: an unsatisfied or unsolved rating sends the answered case back to the same unit,
     * under the district governance centre's supervision, with a new answer deadline.
     */
    public Optional<PetitionCase> reopen(UUID petitionId, String reason) {
        PetitionCase c = PetitionCase.<PetitionCase>find("petitionId", petitionId).firstResult();
        if (c == null || c.status != CaseStatus.ANSWERED) {
            return Optional.empty();
        }
        Instant now = now();
        CaseStatus from = c.status;
        c.status = CaseStatus.REOPENED;
        c.reopenCount++;
        c.supervisedBy = Unit.governanceCentreOf(c.regionCode);
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(now, config.limits().answerWorkingDays());
        c.answerDeadline = d.at();
        c.calendarIncomplete |= d.calendarIncomplete();
        c.extensionStatus = null;
        c.extensionDays = null;
        c.remindedAt = null;
        c.escalatedAt = null;
        c.escalatedTo = null;
        touched(c, now);
        history(c, "reopen", from, "system", null, reason, now);
        publish(CaseEvents.REOPENED, c, "reopen", "system", null, reason, now);
        return Optional.of(c);
    }

    /** Notes that feedback-service opened the rating round {@code round} of the petition's case; never lowers it. */
    public void ratingRoundOpened(UUID petitionId, int round) {
        PetitionCase c = PetitionCase.<PetitionCase>find("petitionId", petitionId).firstResult();
        if (c == null) {
            throw new org.minhu.common.inbox.InboundEvent.InvalidEventException("no case for petition " + petitionId);
        }
        if (round > c.ratingRoundOpened) {
            c.ratingRoundOpened = round;
        }
    }

    /** 催办: once, when the answer deadline is near. */
    public void remind(PetitionCase c, Instant now) {
        c.remindedAt = now;
        touched(c, now);
        history(c, "remind", c.status, "system", null, "answer deadline " + ChinaTime.of(c.answerDeadline), now);
        publish(CaseEvents.REMINDED, c, "remind", "system", null, null, now);
    }

    /** 督办: once, when the answer deadline has passed; the supervising unit follows the case. */
    public void escalate(PetitionCase c, Instant now) {
        Unit lead = Unit.findById(c.leadUnitId);
        c.escalatedAt = now;
        c.escalatedTo = lead == null || lead.parentId == null ? Unit.governanceCentreOf(c.regionCode) : lead.parentId;
        touched(c, now);
        history(c, "escalate", c.status, "system", null, "answer deadline passed; supervised by " + c.escalatedTo, now);
        publish(CaseEvents.ESCALATED, c, "escalate", "system", null, null, now);
    }

    /** The case if the caller may see it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PetitionCase> visible(UnitCaller caller, UUID caseId) {
        return PetitionCase.<PetitionCase>findByIdOptional(caseId).filter(c -> CasePolicy.maySee(caller, c));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaseHistory> history(UUID caseId) {
        return CaseHistory.list("caseId = ?1 order by occurredAt, id", caseId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> coUnits(UUID caseId) {
        return CoUnit.<CoUnit>list("caseId = ?1 order by addedAt", caseId).stream().map(u -> u.unitId).toList();
    }

    private void assignTo(PetitionCase c, String unitId, Instant now) {
        // the officer was the previous unit's staff member
        c.officerId = null;
        c.leadUnitId = unitId;
        c.status = CaseStatus.ASSIGNED;
        c.assignedAt = now;
        c.signedAt = null;
        boolean urgent = "URGENT".equals(c.handling);
        WorkingCalendar.Deadline sign = urgent ? calendar.plus(now, config.urgent().sign())
                : calendar.plusWorkingDays(now, config.limits().signWorkingDays());
        WorkingCalendar.Deadline answer = calendar.plusWorkingDays(now,
                urgent ? config.urgent().answerWorkingDays() : config.limits().answerWorkingDays());
        WorkingCalendar.Deadline giveBack = calendar.plusWorkingDays(now, config.limits().returnWorkingDays());
        c.signDeadline = sign.at();
        c.answerDeadline = answer.at();
        c.returnDeadline = giveBack.at();
        c.calendarIncomplete = sign.calendarIncomplete() || answer.calendarIncomplete() || giveBack.calendarIncomplete();
        c.extensionStatus = null;
        c.extensionDays = null;
        c.remindedAt = null;
        c.escalatedAt = null;
        c.escalatedTo = null;
        c.updatedAt = now;
    }

    private static void addCoUnit(PetitionCase c, String unitId, Instant now) {
        CoUnit co = new CoUnit();
        co.caseId = c.id;
        co.unitId = unitId;
        co.addedAt = now;
        co.persist();
    }

    private PetitionCase actionable(UnitCaller caller, UUID caseId, String action) {
        // the row is locked until this action commits: an action waits for the supervision job (or another
        // user) acting on the same case, then decides on what they left, instead of failing on a stale version
        PetitionCase c = PetitionCase.<PetitionCase>findByIdOptional(caseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> CasePolicy.maySee(caller, found))
                .orElseThrow(() -> ProblemException.notFound("No case " + caseId));
        List<String> allowed = CasePolicy.allowedActions(c, caller, Instant.now());
        if (!allowed.contains(action)) {
            throw new ProblemException(notAllowed(c, caller, action, allowed));
        }
        return c;
    }

    /** The 409 of an action not allowed now for this caller, listing what is. */
    private static Problem notAllowed(PetitionCase c, UnitCaller caller, String action, List<String> allowed) {
        return new Problem(ProblemType.CONFLICT.uri(), ProblemType.CONFLICT.title(), 409,
                "Action '" + action + "' is not allowed for " + caller.unitId() + " on a case in status " + c.status,
                null, null, allowed);
    }

    private static Unit activeUnit(String unitId, String field) {
        Unit unit = unitId == null ? null : Unit.findById(unitId);
        if (unit == null || !unit.active) {
            throw ProblemException.unknownValue(field, String.valueOf(unitId), "unknown or inactive unit");
        }
        return unit;
    }

    /** A district's governance centre assigns within its region only (the city's centre anywhere): 403 naming unitId. */
    private static void withinRegion(UnitCaller caller, Unit target) {
        if (!caller.mayAssignTo(target)) {
            String where = target.regionCode == null ? "a city-level unit" : "a unit of region " + target.regionCode;
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, caller.unitId() + " may assign cases only within "
                    + "region " + caller.regionCode() + "; " + target.id + " is " + where
                    + " (the city's governance centre assigns across regions)")
                    .withErrors(List.of(new Problem.FieldError("unitId", "outside the region of " + caller.unitId()))));
        }
    }

    private static void touched(PetitionCase c, Instant now) {
        c.updatedAt = now;
    }

    private static void history(PetitionCase c, String action, CaseStatus from, String actor, String reasonCode,
                                String reason, Instant at) {
        CaseHistory.of(c, action, from, actor, reasonCode == null ? reason
                : reason == null ? reasonCode : reasonCode + ": " + reason, at).persist();
    }

    private void publish(String type, PetitionCase c, String action, String actor, String reasonCode, String reason,
                         Instant at) {
        // all the co-handling units where they may change (petition-service lets their staff read the request)
        boolean coUnits = CaseEvents.ASSIGNED.equals(type) || CaseEvents.CO_HANDLER_ADDED.equals(type);
        publish(type, c, coUnits ? coUnits(c.id) : null, action, actor, reasonCode, reason, null, null, at);
    }

    private void publish(String type, PetitionCase c, List<String> coUnitIds, String action, String actor,
                         String reasonCode, String reason, CaseStatus previous, String route, Instant at) {
        Unit unit = Unit.findById(c.leadUnitId);
        boolean assigned = CaseEvents.ASSIGNED.equals(type);
        outbox.append(Topics.CASE_EVENTS, type, c.petitionId.toString(), at, new CaseEvents.Data(
                c.id, c.petitionId, c.trackingNumber, c.categoryCode, c.regionCode, c.status.name(), action, c.leadUnitId,
                unit == null ? null : unit.nameZh, unit == null ? null : unit.nameEn,
                coUnitIds,
                c.routingRuleId, c.routingRuleVersion, assigned ? c.routedByFallback : null,
                ChinaTime.of(c.dispatchedAt), ChinaTime.of(c.signDeadline), ChinaTime.of(c.answerDeadline),
                c.calendarIncomplete, ChinaTime.of(at), actor, reasonCode, reason,
                CaseEvents.EXTENDED.equals(type) || CaseEvents.EXTENSION_REQUESTED.equals(type) ? c.extensionDays : null,
                c.escalatedTo, c.returnCount, c.reopenCount,
                CaseEvents.ANSWERED.equals(type) ? c.reply : null, previous == null ? null : previous.name(), route));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

}
