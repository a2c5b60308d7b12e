package org.minhu.petition;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import org.minhu.testsupport.EmbeddedInfraTestResource;

/** Every test of this module runs against the JVM's one real PostgreSQL, Kafka broker and object store. */
@QuarkusTestResource(value = EmbeddedInfraTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "petition"), @ResourceArg(name = "objectStore", value = "true")})
public final class TestInfra {

    private TestInfra() {
    }
}
