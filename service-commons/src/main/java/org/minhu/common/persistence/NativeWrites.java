package org.minhu.common.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

/**
 * Native INSERT, UPDATE and DELETE statements that name the tables they write. Hibernate cannot
 * tell what a native statement touches, so without the names it evicts every second-level cache
 * region after each one: assignment-service's unit cache, read on every dispatch, was emptied by
 * each processed-event row and each outbox batch. Named, only the entities mapped to those tables
 * are evicted (for the outbox, inbox and key tables: none).
 */
public final class NativeWrites {

    private NativeWrites() {
    }

    /** {@code sql}, a native statement writing only {@code tables}. */
    public static Query statement(EntityManager em, String sql, String... tables) {
        if (tables.length == 0) {
            throw new IllegalArgumentException("name the tables the statement writes");
        }
        NativeQuery<?> q = em.createNativeQuery(sql).unwrap(NativeQuery.class);
        for (String table : tables) {
            q.addSynchronizedQuerySpace(table);
        }
        return q;
    }
}
