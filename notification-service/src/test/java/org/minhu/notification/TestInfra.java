package org.minhu.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import org.minhu.testsupport.EmbeddedInfraTestResource;

/**
 * Every test of this module runs against the JVM's one real PostgreSQL and Kafka broker, and a real
 * SMTP server (GreenMail, {@link SmtpTestResource}).
 */
@QuarkusTestResource(value = EmbeddedInfraTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpTestResource.class)
public final class TestInfra {

    private TestInfra() {
    }
}
