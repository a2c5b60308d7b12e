package org.minhu.assignment.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.minhu.assignment.unit.Unit;
import org.minhu.assignment.unit.UnitCaller;

/** Which actions a caller may take on a case now. Every action checks it; a 409 lists it. */
public final class CasePolicy {

    public static final String SIGN = "sign";
    public static final String RETURN = "return";
    public static final String ANSWER = "answer";
    public static final String REQUEST_EXTENSION = "request-extension";
    public static final String DECIDE_EXTENSION = "decide-extension";
    public static final String RULE = "ruling";
    public static final String TRANSFER = "transfer";
    public static final String ADD_CO_HANDLER = "add-co-handler";
    public static final String REFUSE = "refuse";
    public static final String HAND_OFF = "hand-off";

    private CasePolicy() {
    }

    public static List<String> allowedActions(PetitionCase c, UnitCaller caller, Instant now) {
        return allowedActions(c, caller, Unit.findById(c.leadUnitId), now);
    }

    /** The rule itself, given the case's lead unit as the registry has it (null if unknown): reads no database. */
    static List<String> allowedActions(PetitionCase c, UnitCaller caller, Unit leadUnit, Instant now) {
        List<String> allowed = new ArrayList<>();
        boolean lead = caller.leads(c.leadUnitId);
        boolean centre = caller.governs(c.regionCode);
        boolean open = !c.status.closed() && c.status != CaseStatus.RETURNED;
        if (lead && c.status == CaseStatus.ASSIGNED) {
            allowed.add(SIGN);
        }
        if (lead && !c.finalRuling && leadUnit != null && !leadUnit.isGovernanceCentre()
                && (c.status == CaseStatus.ASSIGNED || (c.status == CaseStatus.SIGNED && now.isBefore(c.returnDeadline)))) {
            allowed.add(RETURN);
        }
        if (lead && (c.status == CaseStatus.SIGNED || c.status == CaseStatus.REOPENED)) {
            allowed.add(ANSWER);
            if (!"PENDING".equals(c.extensionStatus) && now.isBefore(c.answerDeadline)) {
                allowed.add(REQUEST_EXTENSION);
            }
        }
        if ("PENDING".equals(c.extensionStatus) && (centre || caller.supervises(leadUnit))) {
            allowed.add(DECIDE_EXTENSION);
        }
        if (centre && c.status == CaseStatus.RETURNED) {
            allowed.add(RULE);
        }
        if (centre && (c.status == CaseStatus.ASSIGNED || c.status == CaseStatus.SIGNED)) {
            allowed.add(TRANSFER);
        }
        if ((centre || lead) && open) {
            allowed.add(ADD_CO_HANDLER);
        }
        // 不予受理 before the unit has answered, a reopened request included only for a hand-off (an emergency can arise later)
        if (centre && (c.status == CaseStatus.ASSIGNED || c.status == CaseStatus.SIGNED || c.status == CaseStatus.RETURNED)) {
            allowed.add(REFUSE);
        }
        if (centre && (c.status == CaseStatus.ASSIGNED || c.status == CaseStatus.SIGNED || c.status == CaseStatus.RETURNED
                || c.status == CaseStatus.REOPENED)) {
            allowed.add(HAND_OFF);
        }
        return allowed;
    }

    /**
     * Whether the petitioner may still withdraw the case (撤回): while no unit has signed for it, that
     * is while it waits for its unit to sign or for the governance centre's ruling on a return.
     */
    public static boolean withdrawable(PetitionCase c) {
        return c.status == CaseStatus.ASSIGNED || c.status == CaseStatus.RETURNED;
    }

    /** Whether {@code caller} may see {@code c}: lead, co-handler, supervisor of an escalated case, or a governance centre over its region. */
    public static boolean maySee(UnitCaller caller, PetitionCase c) {
        return caller.leads(c.leadUnitId) || caller.governs(c.regionCode) || caller.actsForUnit() && (caller.unitId().equals(c.escalatedTo)
                || CoUnit.count("caseId = ?1 and unitId = ?2", c.id, caller.unitId()) > 0);
    }

    /**
     * Whether {@code caller} may read and add the case's internal notes (内部备注): the lead unit, a
     * co-handling unit, or a governance centre over the case's region. Not a supervising unit that
     * follows an escalated case, and not an administrator as such (only for the unit their token names).
     */
    public static boolean mayKeepNotes(UnitCaller caller, PetitionCase c) {
        return caller.leads(c.leadUnitId) || caller.governs(c.regionCode)
                || caller.actsForUnit() && CoUnit.count("caseId = ?1 and unitId = ?2", c.id, caller.unitId()) > 0;
    }

    /** Whether the lead unit may (re)assign the case's officer: while the case is theirs to handle. */
    public static boolean officerAssignable(PetitionCase c) {
        return c.status == CaseStatus.ASSIGNED || c.status == CaseStatus.SIGNED || c.status == CaseStatus.REOPENED;
    }
}
