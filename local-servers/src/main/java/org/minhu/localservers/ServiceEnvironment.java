package org.minhu.localservers;

/**
 * What a packaged service needs to be started against: a PostgreSQL that holds its database, a
 * Kafka broker and the identity provider whose tokens it accepts. The embedded servers are one
 * ({@link EmbeddedInfra}); the launcher also runs on servers someone else operates.
 */
public interface ServiceEnvironment {

    /** Creates {@code database} unless it exists. */
    void ensureDatabase(String database);

    String jdbcUrl(String database);

    String databaseUser();

    String databasePassword();

    String kafkaBootstrapServers();

    LocalIdentity identity();
}
