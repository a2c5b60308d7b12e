package org.minhu.common.inbox;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Sorts a consumer's failure into what to do with the message. The rule: only a message that
 * can never be processed goes to the dead-letter topic; a failure of the database or of a race
 * between consumers is retried in place while the partition waits, so order per petition holds.
 */
public final class Failures {

    /** What a failure says about the message. */
    public enum Kind {
        /** The message itself is wrong (unparseable, unknown type, invalid data): dead-letter it at once. */
        POISON,
        /** The database or a concurrent writer failed this time: retry until it works. */
        TRANSIENT,
        /** Neither (most likely a bug): retry a few times, then dead-letter it so it can be replayed after a fix. */
        UNEXPECTED
    }

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof InboundEvent.InvalidEventException || t instanceof JsonProcessingException) {
                return Kind.POISON;
            }
            if (t instanceof SQLException sql && "22".equals(sqlClass(sql))) {
                return Kind.POISON; // data exception: the event's data can never be stored (e.g. a NUL in a text)
            }
        }
        for (Throwable t : chain(failure)) {
            if (t instanceof InboundEvent.NotYetApplicableException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.QueryTimeoutException
                    || t instanceof org.hibernate.StaleStateException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof java.net.SocketException
                    || t instanceof java.io.EOFException) {
                return Kind.TRANSIENT;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNEXPECTED;
    }

    /**
     * SQLSTATE classes that say "try again": no state at all (the pool's acquisition timeout),
     * 08 connection, 40 transaction rollback (serialization failure, deadlock), 53 insufficient
     * resources, 55P03 lock not available, 57 operator intervention (terminated backend, restart,
     * cancelled statement), 58 system error; and 23505, a unique key taken by a concurrent
     * consumer a moment earlier: on the next attempt the handler sees the row and skips.
     */
    private static boolean transientState(String state) {
        if (state == null || state.isBlank()) {
            return true;
        }
        if ("23505".equals(state) || "55P03".equals(state)) {
            return true;
        }
        return switch (state.length() >= 2 ? state.substring(0, 2) : state) {
            case "08", "40", "53", "57", "58" -> true;
            default -> false;
        };
    }

    /**
     * Whether the failure is a write conflict with a concurrent transaction that PostgreSQL resolved
     * by rolling this one back: a deadlock (40P01), a serialization failure (40001), a lock not
     * available (55P03). Nothing of the transaction was kept, and the same work succeeds when run again.
     */
    public static boolean writeConflict(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof jakarta.persistence.PessimisticLockException || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()) || "55P03".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure says the database could not be reached or used at all: a connection
     * lost or refused (SQLSTATE class 08, a terminated backend or a restarting server, 57P01-57P03),
     * too many connections (53300), or the pool's acquisition timeout (no state). Such a failure
     * says nothing about the request, and the same request may succeed a moment later.
     */
    public static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException || t instanceof SQLRecoverableException
                    || t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.SocketException
                    || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.isBlank()) {
                    if (String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
                        return true;
                    }
                } else if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String sqlClass(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.length() < 2 ? "" : state.substring(0, 2);
    }

    /**
     * The failure and everything behind it: causes, a SQLException's next exceptions, and suppressed
     * exceptions (a failed commit hides the driver's error there, behind JTA's RollbackException).
     */
    static java.util.List<Throwable> chain(Throwable failure) {
        java.util.List<Throwable> seen = new java.util.ArrayList<>();
        java.util.Set<Throwable> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty() && seen.size() < 64) {
            Throwable t = todo.poll();
            if (!visited.add(t)) {
                continue;
            }
            seen.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
            todo.addAll(java.util.Arrays.asList(t.getSuppressed()));
        }
        return seen;
    }
}
