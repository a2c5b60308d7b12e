package org.minhu.common.inbox;

/**
 * The service is stopping while a message was being handled: the message is neither acknowledged
 * nor dead-lettered, so its offset stays uncommitted and the next start (or another replica)
 * handles it again.
 */
public class ConsumerStoppingException extends RuntimeException {

    public ConsumerStoppingException(Throwable cause) {
        super("the service is stopping; the message is left for the next start", cause);
    }
}
