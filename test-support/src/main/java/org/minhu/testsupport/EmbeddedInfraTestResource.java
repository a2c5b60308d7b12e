package org.minhu.testsupport;

import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.EmbeddedPostgresServer;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared embedded PostgreSQL and Kafka.
 * Init arg {@code database} names the service's own database (each service owns its schema).
 * The servers outlive a single application start: they stop when the test JVM exits.
 */
public class EmbeddedInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "minhu";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
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
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every application start in this JVM; a shutdown hook stops them.
    }
}
