package org.minhu.gateway;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.minhu.localservers.LocalIdentity;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * The gateway under test in front of four {@link StubUpstream}s (petition, assignment, feedback, notification),
 * with the JVM's local identity provider for tokens and short timeouts so that failures show
 * quickly. Tests get this object in a field of its type.
 */
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    /** feedback-service's timeout here: the time a hanging service is given. */
    static final String FEEDBACK_TIMEOUT = "1s";
    static final String OTHER_TIMEOUT = "2s";
    static final String BREAKER_DELAY = "1s";

    /** A reverse proxy in front of the gateway, as tests play it: a raw connection from this local address. */
    static final String PROXY_ADDRESS = "127.0.0.2";

    private Vertx vertx;
    private boolean lowRateLimits;
    private boolean longBreakerDelay;

    @Override
    public void setContext(Context context) {
        lowRateLimits = context.testProfile() != null && context.testProfile().endsWith(RateLimitTest.LowRateLimits.class.getSimpleName());
        longBreakerDelay = context.testProfile() != null
                && context.testProfile().endsWith(BreakerRecoveryTest.LongBreakerDelay.class.getSimpleName());
    }
    private final Map<String, StubUpstream> stubs = new LinkedHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>(LocalIdentity.shared().verificationConfig());
        for (String name : new String[] {"petition", "assignment", "feedback", "notification"}) {
            StubUpstream stub = new StubUpstream(name, vertx);
            stub.start();
            stubs.put(name, stub);
            config.put("minhu.gateway.upstreams." + name + ".url", stub.url());
            config.put("minhu.gateway.upstreams." + name + ".timeout", name.equals("feedback") ? FEEDBACK_TIMEOUT : OTHER_TIMEOUT);
        }
        config.put("minhu.gateway.circuit-breaker.delay", longBreakerDelay ? BreakerRecoveryTest.DELAY : BREAKER_DELAY);
        // the tests call from one address faster than a person would; the limits have no part in them but RateLimitTest's
        String rate = lowRateLimits ? String.valueOf(RateLimitTest.LIMIT) : "10000";
        config.put("minhu.gateway.rate-limit.address-per-second", lowRateLimits ? "0.01" : rate);
        config.put("minhu.gateway.rate-limit.address-burst", rate);
        config.put("minhu.gateway.rate-limit.identity-per-second", lowRateLimits ? "0.01" : rate);
        config.put("minhu.gateway.rate-limit.identity-burst", rate);
        config.put("minhu.gateway.trusted-proxies", PROXY_ADDRESS + "/32");
        // demo tokens, signed with the JVM's local identity provider's key; the test server listens on localhost
        config.put("minhu.gateway.demo-tokens", "true");
        config.put("smallrye.jwt.sign.key", LocalIdentity.shared().privateKeyPem());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(UpstreamStubs.class));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    public StubUpstream petition() {
        return stubs.get("petition");
    }

    public StubUpstream assignment() {
        return stubs.get("assignment");
    }

    public StubUpstream feedback() {
        return stubs.get("feedback");
    }

    public StubUpstream notification() {
        return stubs.get("notification");
    }

    /** Every stub running, answering 200, with nothing recorded. */
    public void reset() {
        stubs.values().forEach(StubUpstream::reset);
    }
}
