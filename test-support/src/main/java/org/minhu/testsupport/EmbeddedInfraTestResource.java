package org.minhu.testsupport;

import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.EmbeddedPostgresServer;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared embedded PostgreSQL and Kafka.
 * Init arg {@code database} names the service's own database (each service owns its schema);
 * {@code objectStore=true} also starts the JVM's shared object store (S3 API, {@code ObjectStoreProcess})
 * and gives its URL, bucket and key pair ({@code minhu.object-store.*}).
 * The servers outlive a single application start: they stop when the test JVM exits.
 */
public class EmbeddedInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "minhu";
    private boolean objectStore;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        objectStore = Boolean.parseBoolean(initArgs.getOrDefault("objectStore", "false"));
    }

    @Override
    public Map<String, String> start() {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.postgres().ensureDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(database));
        config.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        config.putAll(infra.identity().verificationConfig());
        if (objectStore) { // started on first use: only the modules that keep files pay for its JVM
            config.putAll(infra.objectStoreProcess().settings().configuration());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every application start in this JVM; a shutdown hook stops them.
    }
}
