package org.minhu.localservers;

/**
 * What a packaged service needs to be started against: a PostgreSQL that holds its database, a
 * Kafka broker, the identity provider whose tokens it accepts, and an object store for files. The embedded servers are one
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

    /** Where the services keep files (attachments); none: the services answer uploads with 503. */
    default java.util.Optional<ObjectStore> objectStore() {
        return java.util.Optional.empty();
    }
}
