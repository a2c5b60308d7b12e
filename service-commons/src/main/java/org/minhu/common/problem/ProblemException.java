package org.minhu.common.problem;

import java.util.List;

/** Thrown by the domain to answer with a problem; mapped to its status by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(ProblemType.NOT_FOUND, what));
    }

    /** 422 naming the field and the value that the catalogue does not know. */
    public static ProblemException unknownValue(String field, String value, String reason) {
        return new ProblemException(Problem.of(ProblemType.UNPROCESSABLE, reason + ": " + value)
                .withErrors(List.of(new Problem.FieldError(field, reason + ": " + value))));
    }

    /** 400 for one invalid query parameter or header. */
    public static ProblemException invalidParameter(String name, String reason) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, "Invalid parameter " + name)
                .withErrors(List.of(new Problem.FieldError(name, reason))));
    }
}
