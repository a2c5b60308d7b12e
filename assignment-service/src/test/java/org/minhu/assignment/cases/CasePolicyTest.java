package org.minhu.assignment.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minhu.assignment.unit.UnitCaller;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.problem.ProblemException;

/**
 * {@link CasePolicy}, the rule of which action each caller may take on a case in each status, with
 * no database and no Quarkus: the cases, units and callers are built in memory. Also the request
 * rules beside it: the answer's minimum length and the extension's bounds.
 */
class CasePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-16T02:00:00Z");
    private static final String REGION = "500108";

    private static final Unit DEPARTMENT = unit(REGION + "-housing", "DISTRICT", "DEPARTMENT", REGION, "city-housing");
    private static final Unit DISTRICT_CENTRE = unit(REGION + "-gc", "DISTRICT", Unit.GOVERNANCE_CENTRE, REGION, "city-gc");

    /** Staff of the lead department, of the district's and the city's centres, of others. */
    private static final UnitCaller LEAD = new UnitCaller(DEPARTMENT.id, "DISTRICT", "DEPARTMENT", REGION, false);
    private static final UnitCaller LEAD_WITH_GOVERNANCE_ROLE = new UnitCaller(DEPARTMENT.id, "DISTRICT", "DEPARTMENT", REGION, true);
    private static final UnitCaller CENTRE = new UnitCaller(DISTRICT_CENTRE.id, "DISTRICT", Unit.GOVERNANCE_CENTRE, REGION, true);
    private static final UnitCaller CENTRE_WITHOUT_ROLE = new UnitCaller(DISTRICT_CENTRE.id, "DISTRICT", Unit.GOVERNANCE_CENTRE, REGION, false);
    private static final UnitCaller CITY_CENTRE = new UnitCaller("city-gc", "CITY", Unit.GOVERNANCE_CENTRE, null, true);
    private static final UnitCaller OTHER_CENTRE = new UnitCaller("500103-gc", "DISTRICT", Unit.GOVERNANCE_CENTRE, "500103", true);
    private static final UnitCaller OTHER_DEPARTMENT = new UnitCaller(REGION + "-transport", "DISTRICT", "DEPARTMENT", REGION, false);

    private static ValidatorFactory validation;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        validation = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = validation.getValidator();
    }

    @AfterAll
    static void close() {
        validation.close();
    }

    private static Unit unit(String id, String level, String kind, String region, String parent) {
        Unit u = new Unit();
        u.id = id;
        u.level = level;
        u.kind = kind;
        u.regionCode = region;
        u.parentId = parent;
        u.active = true;
        return u;
    }

    /** A case led by the department, dispatched yesterday: it may be returned for one more day and answered for four. */
    private static PetitionCase caseIn(CaseStatus status) {
        PetitionCase c = new PetitionCase();
        c.id = UUID.randomUUID();
        c.regionCode = REGION;
        c.leadUnitId = DEPARTMENT.id;
        c.status = status;
        c.returnDeadline = NOW.plus(Duration.ofDays(1));
        c.answerDeadline = NOW.plus(Duration.ofDays(4));
        return c;
    }

    private static List<String> allowed(PetitionCase c, UnitCaller caller) {
        return CasePolicy.allowedActions(c, caller, DEPARTMENT, NOW);
    }

    @Test
    void leadUnitMaySignReturnOrAddACoHandlerToAnAssignedCaseButNotAnswerIt() {
        assertThat(allowed(caseIn(CaseStatus.ASSIGNED), LEAD))
                .containsExactlyInAnyOrder(CasePolicy.SIGN, CasePolicy.RETURN, CasePolicy.ADD_CO_HANDLER);
    }

    @Test
    void leadUnitMayAnswerReturnAndAskForAnExtensionOnceSigned() {
        assertThat(allowed(caseIn(CaseStatus.SIGNED), LEAD)).containsExactlyInAnyOrder(CasePolicy.RETURN, CasePolicy.ANSWER,
                CasePolicy.REQUEST_EXTENSION, CasePolicy.ADD_CO_HANDLER);
    }

    @Test
    void aSignedCaseCannotBeReturnedOnceTheReturnDeadlineIsReached() {
        PetitionCase c = caseIn(CaseStatus.SIGNED);
        c.returnDeadline = NOW;
        assertThat(allowed(c, LEAD)).doesNotContain(CasePolicy.RETURN).contains(CasePolicy.ANSWER);
        c.returnDeadline = NOW.plusMillis(1);
        assertThat(allowed(c, LEAD)).contains(CasePolicy.RETURN);
    }

    @Test
    void anAssignedCaseMayBeReturnedEvenAfterTheReturnDeadline() {
        PetitionCase c = caseIn(CaseStatus.ASSIGNED);
        c.returnDeadline = NOW.minus(Duration.ofDays(3));
        assertThat(allowed(c, LEAD)).contains(CasePolicy.RETURN);
    }

    @Test
    void aFinalRulingTakesAwayTheReturn() {
        PetitionCase c = caseIn(CaseStatus.ASSIGNED);
        c.finalRuling = true;
        assertThat(allowed(c, LEAD)).containsExactlyInAnyOrder(CasePolicy.SIGN, CasePolicy.ADD_CO_HANDLER);
    }

    @Test
    void aGovernanceCentreLeadingACaseCannotReturnIt() {
        PetitionCase c = caseIn(CaseStatus.ASSIGNED);
        c.leadUnitId = DISTRICT_CENTRE.id;
        assertThat(CasePolicy.allowedActions(c, CENTRE, DISTRICT_CENTRE, NOW)).contains(CasePolicy.SIGN).doesNotContain(CasePolicy.RETURN);
    }

    @Test
    void anUnknownLeadUnitCannotReturnTheCase() {
        assertThat(CasePolicy.allowedActions(caseIn(CaseStatus.ASSIGNED), LEAD, null, NOW)).doesNotContain(CasePolicy.RETURN);
    }

    @Test
    void aReopenedCaseIsAnsweredAgainButNeitherSignedReturnedNorTransferred() {
        assertThat(allowed(caseIn(CaseStatus.REOPENED), LEAD))
                .containsExactlyInAnyOrder(CasePolicy.ANSWER, CasePolicy.REQUEST_EXTENSION, CasePolicy.ADD_CO_HANDLER);
        // an emergency can still arise: a reopened case may be handed off, not refused
        assertThat(allowed(caseIn(CaseStatus.REOPENED), CENTRE)).containsExactlyInAnyOrder(CasePolicy.ADD_CO_HANDLER, CasePolicy.HAND_OFF);
    }

    @Test
    void anExtensionIsAskedOnlyBeforeTheAnswerDeadline() {
        PetitionCase c = caseIn(CaseStatus.SIGNED);
        c.answerDeadline = NOW;
        assertThat(allowed(c, LEAD)).contains(CasePolicy.ANSWER).doesNotContain(CasePolicy.REQUEST_EXTENSION);
    }

    @Test
    void aPendingExtensionIsNotAskedAgainAndIsDecidedByTheCentreOrTheSupervisingUnitNotTheLead() {
        PetitionCase c = caseIn(CaseStatus.SIGNED);
        c.extensionStatus = "PENDING";
        assertThat(allowed(c, LEAD)).doesNotContain(CasePolicy.REQUEST_EXTENSION, CasePolicy.DECIDE_EXTENSION);
        assertThat(allowed(c, CENTRE)).contains(CasePolicy.DECIDE_EXTENSION);
        assertThat(allowed(c, CITY_CENTRE)).contains(CasePolicy.DECIDE_EXTENSION);
        // the department's parent in the registry
        UnitCaller parent = new UnitCaller(DEPARTMENT.parentId, "CITY", "DEPARTMENT", null, false);
        assertThat(allowed(c, parent)).containsExactly(CasePolicy.DECIDE_EXTENSION);
        assertThat(allowed(c, OTHER_CENTRE)).isEmpty();
        assertThat(allowed(c, OTHER_DEPARTMENT)).isEmpty();
    }

    @Test
    void aDeniedOrApprovedExtensionMayBeFollowedByAnother() {
        PetitionCase c = caseIn(CaseStatus.SIGNED);
        c.extensionStatus = "DENIED";
        assertThat(allowed(c, LEAD)).contains(CasePolicy.REQUEST_EXTENSION);
        c.extensionStatus = "APPROVED";
        assertThat(allowed(c, LEAD)).contains(CasePolicy.REQUEST_EXTENSION);
    }

    @Test
    void theCentreOfTheRegionRulesOnAReturnedCaseAndTheUnitCanDoNothing() {
        assertThat(allowed(caseIn(CaseStatus.RETURNED), CENTRE)).containsExactlyInAnyOrder(CasePolicy.RULE, CasePolicy.REFUSE, CasePolicy.HAND_OFF);
        assertThat(allowed(caseIn(CaseStatus.RETURNED), CITY_CENTRE)).containsExactlyInAnyOrder(CasePolicy.RULE, CasePolicy.REFUSE, CasePolicy.HAND_OFF);
        assertThat(allowed(caseIn(CaseStatus.RETURNED), LEAD)).isEmpty();
        assertThat(allowed(caseIn(CaseStatus.RETURNED), OTHER_CENTRE)).isEmpty();
    }

    @Test
    void theCentreTransfersAnAssignedOrSignedCaseAndAddsCoHandlersButNeverSignsForTheUnit() {
        assertThat(allowed(caseIn(CaseStatus.ASSIGNED), CENTRE)).containsExactlyInAnyOrder(CasePolicy.TRANSFER, CasePolicy.ADD_CO_HANDLER,
                CasePolicy.REFUSE, CasePolicy.HAND_OFF);
        assertThat(allowed(caseIn(CaseStatus.SIGNED), CENTRE)).containsExactlyInAnyOrder(CasePolicy.TRANSFER, CasePolicy.ADD_CO_HANDLER,
                CasePolicy.REFUSE, CasePolicy.HAND_OFF);
        assertThat(allowed(caseIn(CaseStatus.SIGNED), CITY_CENTRE)).containsExactlyInAnyOrder(CasePolicy.TRANSFER, CasePolicy.ADD_CO_HANDLER,
                CasePolicy.REFUSE, CasePolicy.HAND_OFF);
        assertThat(allowed(caseIn(CaseStatus.ASSIGNED), OTHER_CENTRE)).isEmpty();
    }

    @Test
    void aCaseClosedWithoutAnAnswerOffersNothingToAnyone() {
        for (CaseStatus ended : new CaseStatus[] {CaseStatus.WITHDRAWN, CaseStatus.REFUSED, CaseStatus.HANDED_OFF}) {
            assertThat(ended.endedUnanswered()).isTrue();
            for (UnitCaller caller : new UnitCaller[] {LEAD, CENTRE, CITY_CENTRE}) {
                assertThat(allowed(caseIn(ended), caller)).as(ended + " for " + caller.unitId()).isEmpty();
            }
            assertThat(CasePolicy.withdrawable(caseIn(ended))).isFalse();
        }
        assertThat(CasePolicy.withdrawable(caseIn(CaseStatus.ASSIGNED))).isTrue();
        assertThat(CasePolicy.withdrawable(caseIn(CaseStatus.RETURNED))).isTrue();
        assertThat(CasePolicy.withdrawable(caseIn(CaseStatus.SIGNED))).isFalse();
    }

    @Test
    void anAnsweredCaseAllowsNothingToAnyone() {
        for (UnitCaller caller : List.of(LEAD, CENTRE, CITY_CENTRE, OTHER_CENTRE, OTHER_DEPARTMENT)) {
            assertThat(allowed(caseIn(CaseStatus.ANSWERED), caller)).as(caller.unitId()).isEmpty();
        }
    }

    @Test
    void anotherDistrictsCentreOrAnotherUnitMayDoNothing() {
        for (CaseStatus status : CaseStatus.values()) {
            assertThat(allowed(caseIn(status), OTHER_CENTRE)).as(status.name()).isEmpty();
            assertThat(allowed(caseIn(status), OTHER_DEPARTMENT)).as(status.name()).isEmpty();
        }
    }

    @Test
    void aCentresStaffWithoutTheGovernanceRoleHaveNoPowersAtAll() {
        for (CaseStatus status : CaseStatus.values()) {
            assertThat(allowed(caseIn(status), CENTRE_WITHOUT_ROLE)).as(status.name()).isEmpty();
        }
        PetitionCase ledByCentre = caseIn(CaseStatus.ASSIGNED);
        ledByCentre.leadUnitId = DISTRICT_CENTRE.id;
        assertThat(CasePolicy.allowedActions(ledByCentre, CENTRE_WITHOUT_ROLE, DISTRICT_CENTRE, NOW)).isEmpty();
    }

    @Test
    void theGovernanceRoleGivesADepartmentNoCentrePowers() {
        assertThat(allowed(caseIn(CaseStatus.RETURNED), LEAD_WITH_GOVERNANCE_ROLE)).isEmpty();
        assertThat(allowed(caseIn(CaseStatus.ASSIGNED), LEAD_WITH_GOVERNANCE_ROLE)).doesNotContain(CasePolicy.TRANSFER);
    }

    @Test
    void anAnswerOfFewerThanTenCharactersIsRefused() {
        assertThat(answerViolations("123456789")).containsExactly("reply: must be 10 to 4000 characters");
        assertThat(answerViolations("已协调增加降压药配备。")).isEmpty(); // 11 characters
        assertThat(answerViolations("1234567890")).isEmpty();
        assertThat(answerViolations("x".repeat(4000))).isEmpty();
        assertThat(answerViolations("x".repeat(4001))).containsExactly("reply: must be 10 to 4000 characters");
    }

    @Test
    void aBlankAnswerIsRefusedAsRequired() {
        assertThat(answerViolations("          ")).containsExactly("reply: is required");
        assertThat(answerViolations(null)).containsExactly("reply: is required");
    }

    private static List<String> answerViolations(String reply) {
        Set<ConstraintViolation<CaseViews.Answer>> violations = validator.validate(new CaseViews.Answer(reply));
        return violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10})
    void anExtensionOfOneToTheMaximumWorkingDaysIsAccepted(int workingDays) {
        assertThatCode(() -> CaseService.checkExtensionDays(workingDays, 10)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 11, 30})
    void anExtensionOutsideOneToTheMaximumIsRefusedNamingWorkingDays(int workingDays) {
        assertThatThrownBy(() -> CaseService.checkExtensionDays(workingDays, 10))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(f -> f.field() + ": " + f.reason())
                            .containsExactly("workingDays: must be between 1 and 10");
                });
    }
}
