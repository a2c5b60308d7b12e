package org.minhu.gateway;

import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs the gateway in front of the same stub services. */
@QuarkusTestResource(UpstreamStubs.class)
public final class GatewayStubs {

    private GatewayStubs() {
    }
}
