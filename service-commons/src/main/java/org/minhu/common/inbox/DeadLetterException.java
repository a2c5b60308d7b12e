package org.minhu.common.inbox;

import java.time.Instant;

/**
 * Thrown by a consumer that gives a message up: the failure strategy sends it to the dead-letter
 * topic with these facts as headers (see {@link DeadLetterStrategy}).
 */
public class DeadLetterException extends RuntimeException {

    private final Failures.Kind kind;
    private final int attempts;
    private final Instant firstFailure;

    public DeadLetterException(Failures.Kind kind, int attempts, Instant firstFailure, Throwable cause) {
        super(kind + " after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + rootMessage(cause), cause);
        this.kind = kind;
        this.attempts = attempts;
        this.firstFailure = firstFailure;
    }

    public Failures.Kind kind() {
        return kind;
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstFailure() {
        return firstFailure;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof InboundEvent.InvalidEventException) {
                break;
            }
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
