package org.minhu.feedback.caller;

import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

/**
 * The one place that says who the caller is. Until the gateway issues tokens: a citizen sends
 * {@value #CITIZEN}; hotline staff send {@value #UNIT} (their governance centre) and
 * {@value #STAFF}. Any other unit's staff may not rate (403). The swap to a token's claims changes
 * this class only.
 */
@RequestScoped
public class CallerIdentity {

    public static final String CITIZEN = "X-Citizen-Id";
    public static final String UNIT = "X-Unit-Id";
    public static final String STAFF = "X-Staff-Id";

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    @Inject
    HttpServerRequest request;

    public FeedbackCaller caller() {
        String citizen = request.getHeader(CITIZEN);
        String unit = request.getHeader(UNIT);
        if (present(citizen)) {
            return new FeedbackCaller.Citizen(valid(CITIZEN, citizen));
        }
        if (present(unit)) {
            String unitId = valid(UNIT, unit);
            if (!unitId.endsWith("-gc")) {
                throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                        "Only the petitioner, or hotline staff of a governance centre recording a call-back, may rate"));
            }
            String staff = request.getHeader(STAFF);
            if (!present(staff)) {
                throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED,
                        "Hotline staff identify themselves with the " + STAFF + " header"));
            }
            return new FeedbackCaller.CallCentre(valid(STAFF, staff), unitId);
        }
        throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED,
                "Identify the citizen with the " + CITIZEN + " header (or hotline staff with " + UNIT + " and " + STAFF + ")"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String valid(String header, String value) {
        if (!SUBJECT.matcher(value).matches()) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED,
                    header + " must be 1 to 64 letters, digits or . _ : @ -"));
        }
        return value;
    }
}
