package org.minhu.assignment.cases;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.minhu.assignment.unit.UnitCaller;
import org.minhu.common.problem.ProblemException;

/**
 * 内部备注: notes kept on a case by the lead unit, its co-handlers and the governance centre over it
 * ({@link CasePolicy#mayKeepNotes}). A note changes nothing on the case: no history entry, no event
 * (events reach petition-service and the citizen's timeline), so the petitioner never sees one.
 */
@ApplicationScoped
public class CaseNotes {

    static final int MIN_LENGTH = 5;

    @Transactional
    public CaseNote add(UnitCaller caller, String subject, UUID caseId, String text) {
        PetitionCase c = noted(caller, caseId);
        String stripped = text.strip();
        if (stripped.codePointCount(0, stripped.length()) < MIN_LENGTH) {
            throw ProblemException.invalidParameter("text", "must be 5 to 2000 characters");
        }
        CaseNote n = new CaseNote();
        n.caseId = c.id;
        n.text = stripped;
        n.author = subject;
        n.authorUnitId = caller.unitId();
        n.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        n.persist();
        return n;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaseNote> list(UnitCaller caller, UUID caseId) {
        PetitionCase c = noted(caller, caseId);
        return CaseNote.list("caseId = ?1 order by createdAt, id", c.id);
    }

    /** The case if the caller may keep notes on it; 404 as for a case the caller does not see otherwise. */
    private static PetitionCase noted(UnitCaller caller, UUID caseId) {
        return PetitionCase.<PetitionCase>findByIdOptional(caseId)
                .filter(c -> CasePolicy.mayKeepNotes(caller, c))
                .orElseThrow(() -> ProblemException.notFound("No case " + caseId));
    }
}
