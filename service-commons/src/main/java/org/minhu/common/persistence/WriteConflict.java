package org.minhu.common.persistence;

import java.util.function.Predicate;

import org.minhu.common.inbox.Failures;

/**
 * For {@code @RetryWhen(exception = WriteConflict.class)} beside {@code @Retry} on an endpoint whose
 * transaction may meet another on the same rows (a deadlock or serialization failure that
 * PostgreSQL resolved by rolling it back): the endpoint runs again instead of answering an error.
 */
public final class WriteConflict implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return Failures.writeConflict(failure);
    }
}
