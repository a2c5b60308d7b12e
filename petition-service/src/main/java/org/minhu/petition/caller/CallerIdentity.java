package org.minhu.petition.caller;

import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

/**
 * The one place that says who the caller is. Until the gateway issues tokens, the citizen's
 * subject comes from the {@value #HEADER} header; the swap to a token's subject changes this
 * class only.
 */
@RequestScoped
public class CallerIdentity {

    public static final String HEADER = "X-Citizen-Id";

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    @Inject
    HttpServerRequest request;

    /** The calling citizen, or 401 problem+json when there is none or it is malformed. */
    public Caller citizen() {
        String subject = request.getHeader(HEADER);
        if (subject == null || subject.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED,
                    "Identify the citizen with the " + HEADER + " header"));
        }
        if (!SUBJECT.matcher(subject).matches()) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED,
                    HEADER + " must be 1 to 64 letters, digits or . _ : @ -"));
        }
        return new Caller(subject);
    }
}
