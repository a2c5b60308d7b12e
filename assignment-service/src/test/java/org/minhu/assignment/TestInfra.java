package org.minhu.assignment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import org.eclipse.microprofile.config.ConfigProvider;
import org.minhu.testsupport.DatabaseFaults;
import org.minhu.testsupport.EmbeddedInfraTestResource;

/** Every test of this module runs against the JVM's one real PostgreSQL and Kafka broker. */
@QuarkusTestResource(value = EmbeddedInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "assignment"))
public final class TestInfra {

    private TestInfra() {
    }

    /** Faults on inserts into one table of this service's database (the application's own datasource). */
    static DatabaseFaults faults(String table) throws Exception {
        var config = ConfigProvider.getConfig();
        return DatabaseFaults.on(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""), table);
    }
}
