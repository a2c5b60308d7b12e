package org.minhu.feedback;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import org.minhu.testsupport.EmbeddedInfraTestResource;

/** Every test of this module runs against the JVM's one real PostgreSQL and Kafka broker. */
@QuarkusTestResource(value = EmbeddedInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "feedback"))
public final class TestInfra {

    private TestInfra() {
    }
}
