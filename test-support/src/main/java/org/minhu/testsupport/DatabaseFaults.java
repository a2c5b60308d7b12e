package org.minhu.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Real database failures for consumers' tests, made by PostgreSQL itself: a trigger on a table
 * that fails the next inserts the way an outage or a conflict does. {@link #dropConnections}
 * terminates the inserting backend (the connection is gone, as when PostgreSQL restarts);
 * {@link #serializationFailures} raises SQLSTATE 40001; {@link #bugs} raises a plain error
 * (P0001) that no retry can fix. {@link #attempts} says how many inserts it saw, {@link #clear}
 * removes it.
 */
public final class DatabaseFaults implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String table;

    private DatabaseFaults(String url, String user, String password, String table) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.table = table;
    }

    /** Faults on inserts into {@code table} of the database at {@code url}. */
    public static DatabaseFaults on(String url, String user, String password, String table) throws SQLException {
        DatabaseFaults faults = new DatabaseFaults(url, user, password, table);
        faults.sql("CREATE TABLE IF NOT EXISTS test_fault (tbl text PRIMARY KEY, kind text NOT NULL, failures bigint NOT NULL)");
        // The attempts are counted by a sequence: nextval is not rolled back with the failing
        // transaction, so the count goes on across attempts (a column would be reset each time).
        faults.sql("CREATE SEQUENCE IF NOT EXISTS test_fault_" + table + "_attempts");
        faults.sql("""
                CREATE OR REPLACE FUNCTION test_fault_fire() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE f record;
                BEGIN
                  SELECT * INTO f FROM test_fault WHERE tbl = TG_TABLE_NAME;
                  IF f IS NULL OR nextval('test_fault_' || TG_TABLE_NAME || '_attempts') > f.failures THEN
                    RETURN NEW;
                  END IF;
                  IF f.kind = 'terminate' THEN
                    PERFORM pg_terminate_backend(pg_backend_pid());
                  ELSIF f.kind = 'serialization' THEN
                    RAISE EXCEPTION 'injected serialization failure on %', TG_TABLE_NAME USING ERRCODE = '40001';
                  ELSE
                    RAISE EXCEPTION 'injected bug on %', TG_TABLE_NAME USING ERRCODE = 'P0001';
                  END IF;
                  RETURN NEW;
                END $$""");
        faults.sql("DROP TRIGGER IF EXISTS test_fault ON " + table);
        faults.sql("CREATE TRIGGER test_fault BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION test_fault_fire()");
        return faults;
    }

    /** The next {@code n} inserts lose their connection. */
    public DatabaseFaults dropConnections(int n) throws SQLException {
        return arm("terminate", n);
    }

    /** The next {@code n} inserts fail with a serialization failure. */
    public DatabaseFaults serializationFailures(int n) throws SQLException {
        return arm("serialization", n);
    }

    /** Every insert fails with an error no retry can fix, until {@link #clear}. */
    public DatabaseFaults bugs() throws SQLException {
        return arm("bug", Integer.MAX_VALUE);
    }

    /** Inserts the trigger has seen since it was armed: the failed ones and any that passed after them. */
    public long attempts() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_fault_" + table + "_attempts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Removes the trigger: inserts work again. */
    public void clear() throws SQLException {
        sql("DROP TRIGGER IF EXISTS test_fault ON " + table);
        sql("DELETE FROM test_fault WHERE tbl = '" + table + "'");
    }

    @Override
    public void close() throws SQLException {
        clear();
    }

    private DatabaseFaults arm(String kind, int n) throws SQLException {
        sql("SELECT setval('test_fault_" + table + "_attempts', 1, false)");
        sql("INSERT INTO test_fault (tbl, kind, failures) VALUES ('" + table + "', '" + kind + "', " + n + ") "
                + "ON CONFLICT (tbl) DO UPDATE SET kind = EXCLUDED.kind, failures = EXCLUDED.failures");
        return this;
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
