package org.minhu.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.minhu.common.inbox.Failures.Kind;

import com.fasterxml.jackson.core.JsonParseException;

/**
 * Which failures dead-letter a message at once (POISON), which are retried in place (TRANSIENT) and
 * which are retried a few times and then dead-lettered (UNEXPECTED); and which mean the database is
 * not there at all. The exceptions are built as PostgreSQL's driver, Agroal and Hibernate raise them.
 */
class FailuresTest {

    private static SQLException state(String sqlState, String message) {
        return new SQLException(message, sqlState);
    }

    /** As Hibernate and Panache hand it to a consumer: the driver's exception two causes down. */
    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("handler failed", new PersistenceException("could not execute statement", cause));
    }

    @Test
    void theMessageItselfBeingWrongIsPoison() {
        assertThat(Failures.classify(new InboundEvent.InvalidEventException("missing petitionId"))).isEqualTo(Kind.POISON);
        assertThat(Failures.classify(new JsonParseException(null, "Unexpected character"))).isEqualTo(Kind.POISON);
        // 22021: a byte sequence the database can never store (class 22, data exception), however often it is tried
        assertThat(Failures.classify(wrapped(state("22021", "invalid byte sequence for encoding \"UTF8\": 0x00"))))
                .isEqualTo(Kind.POISON);
        assertThat(Failures.classify(state("22P02", "invalid input syntax for type uuid"))).isEqualTo(Kind.POISON);
    }

    @Test
    void poisonAnywhereInTheChainWinsOverATransientWrapper() {
        SQLException transientOnTop = new SQLException("could not serialize access", "40001",
                new InboundEvent.InvalidEventException("round must be a positive integer"));
        assertThat(Failures.classify(transientOnTop)).isEqualTo(Kind.POISON);
    }

    @Test
    void theDatabaseOrAConcurrentWriterFailingThisTimeIsTransient() {
        assertThat(Failures.classify(wrapped(state("40001", "could not serialize access due to concurrent update"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(state("40P01", "deadlock detected")))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(state("57P01", "terminating connection due to administrator command"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(state("08006", "An I/O error occurred while sending to the backend."))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(state("53300", "sorry, too many clients already")))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(wrapped(state("55P03", "could not obtain lock on row")))).isEqualTo(Kind.TRANSIENT);
        // a unique key a concurrent consumer took a moment earlier: on the next attempt the handler sees the row
        assertThat(Failures.classify(wrapped(state("23505", "duplicate key value violates unique constraint"))))
                .isEqualTo(Kind.TRANSIENT);
        // Agroal's acquisition timeout carries no SQLState at all
        assertThat(Failures.classify(wrapped(state(null, "Acquisition timeout while waiting for new connection"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new JDBCConnectionException("connection lost", state("08003", "closed"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new SocketException("Connection reset"))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new EOFException())).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new jakarta.persistence.OptimisticLockException("row was updated"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aTransientStateBehindABatchsNextExceptionIsFound() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "", 0, new int[0], null);
        batch.setNextException(state("40001", "could not serialize access"));
        assertThat(Failures.classify(batch)).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aDriversErrorHiddenAmongTheSuppressedExceptionsOfAFailedCommitIsFound() {
        // JTA's RollbackException says nothing; the terminated backend is a suppressed exception behind it
        RuntimeException commit = new IllegalStateException("ARJUNA016053: Could not commit transaction.",
                new jakarta.transaction.RollbackException("rolled back"));
        commit.getCause().addSuppressed(new PersistenceException("could not commit",
                state("57P01", "terminating connection due to administrator command")));
        assertThat(Failures.classify(commit)).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.databaseUnavailable(commit)).isTrue();
        // and a cycle of causes and suppressions ends
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.addSuppressed(b);
        assertThat(Failures.classify(b)).isEqualTo(Kind.UNEXPECTED);
        assertThat(Failures.databaseUnavailable(b)).isFalse();
    }

    @Test
    void anythingElseIsUnexpected() {
        assertThat(Failures.classify(new NullPointerException())).isEqualTo(Kind.UNEXPECTED);
        assertThat(Failures.classify(new IllegalStateException("no such unit"))).isEqualTo(Kind.UNEXPECTED);
        // an undefined table is a bug, not the weather; a foreign key (23503) is no concurrent writer's unique key
        assertThat(Failures.classify(wrapped(state("42P01", "relation \"case\" does not exist")))).isEqualTo(Kind.UNEXPECTED);
        assertThat(Failures.classify(wrapped(state("23503", "violates foreign key constraint")))).isEqualTo(Kind.UNEXPECTED);
        assertThat(Failures.classify(wrapped(state("23502", "null value in column violates not-null constraint"))))
                .isEqualTo(Kind.UNEXPECTED);
    }

    @Test
    void theDatabaseIsUnavailableOnlyWhenItCannotBeReachedOrUsedAtAll() {
        assertThat(Failures.databaseUnavailable(wrapped(state("08006", "An I/O error occurred")))).isTrue();
        assertThat(Failures.databaseUnavailable(wrapped(state("08001", "Connection refused")))).isTrue();
        assertThat(Failures.databaseUnavailable(wrapped(state("57P01", "terminating connection")))).isTrue();
        assertThat(Failures.databaseUnavailable(wrapped(state("57P03", "the database system is starting up")))).isTrue();
        assertThat(Failures.databaseUnavailable(wrapped(state("53300", "too many clients")))).isTrue();
        assertThat(Failures.databaseUnavailable(wrapped(state(null, "Acquisition timeout while waiting for new connection"))))
                .isTrue();
        assertThat(Failures.databaseUnavailable(new SQLTransientConnectionException("no connection"))).isTrue();
        assertThat(Failures.databaseUnavailable(new JDBCConnectionException("lost", state("08003", "closed")))).isTrue();
        assertThat(Failures.databaseUnavailable(new SocketException("Connection reset"))).isTrue();

        // the database answered: these say something about the request or a race, not about its absence
        assertThat(Failures.databaseUnavailable(wrapped(state("40001", "could not serialize access")))).isFalse();
        assertThat(Failures.databaseUnavailable(wrapped(state("23505", "duplicate key")))).isFalse();
        assertThat(Failures.databaseUnavailable(wrapped(state("22021", "invalid byte sequence")))).isFalse();
        assertThat(Failures.databaseUnavailable(wrapped(state("57014", "canceling statement due to user request")))).isFalse();
        assertThat(Failures.databaseUnavailable(wrapped(state(null, "some other failure without a state")))).isFalse();
        assertThat(Failures.databaseUnavailable(new IllegalStateException("no such unit"))).isFalse();
    }
}
