package org.minhu.petition.attachment;

/** The object store did not answer, or answered with a failure: the caller gets 503 with Retry-After. */
public class ObjectStoreUnavailableException extends RuntimeException {

    public ObjectStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
