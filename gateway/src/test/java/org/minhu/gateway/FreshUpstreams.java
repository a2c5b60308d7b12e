package org.minhu.gateway;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Where each test of a gateway test class that extends this starts: every {@link StubUpstream} running and
 * answering 200 with nothing recorded, and every service's circuit breaker closed, so that no test sees what
 * another left behind. The class's tests use {@link #stubs} and {@link #breakers}.
 */
abstract class FreshUpstreams {

    /** The stub services, set by {@link UpstreamStubs#inject}. */
    UpstreamStubs stubs;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        stubs.reset();
        breakers.resetAll();
    }
}
