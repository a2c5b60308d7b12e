package org.minhu.gateway;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's settings, under {@code minhu.gateway}. */
@ConfigMapping(prefix = "minhu.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name: petition, assignment, feedback. */
    Map<String, Upstream> upstreams();

    RateLimit rateLimit();

    CircuitBreaker circuitBreaker();

    /**
     * Largest request body passed on; larger ones get 413 at the gateway. A body announced by
     * {@code Content-Length} is checked before it is read and then streamed; one without (chunked,
     * or HTTP/2) is read up to this size before the service is called at all.
     */
    @WithDefault("65536")
    long maxBodyBytes();

    /** {@code POST /dev/tokens}: only for local runs, never in production. */
    @WithDefault("false")
    boolean devTokens();

    /** The issuer of {@code /dev/tokens}' tokens: the services' {@code mp.jwt.verify.issuer}. */
    @WithDefault("https://minhu.local/dev")
    String devTokenIssuer();

    /** How long a token from {@code /dev/tokens} lives. */
    @WithDefault("PT12H")
    Duration devTokenLifetime();

    interface Upstream {
        /** For example http://127.0.0.1:8081 */
        String url();

        /** Time for the upstream's response headers; then 504. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /**
     * One breaker per service. Only the service's own failures count: no connection, no answer
     * within its timeout, a broken answer, or a 5xx. A 4xx, a body the gateway refused, or a client
     * that gave up on its own upload never does.
     */
    interface CircuitBreaker {
        /** How many of the latest calls are looked at; the breaker never opens before that many. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** The share of those calls that must have failed to open it. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open (answering 503 with this as {@code Retry-After}) before one trial call. */
        @WithDefault("PT5S")
        Duration delay();
    }

    interface RateLimit {
        /** Requests per second per identity (token subject); bursts up to {@link #identityBurst()}. */
        @WithDefault("20")
        double identityPerSecond();

        @WithDefault("40")
        int identityBurst();

        /** Requests per second per client address, with or without a token. */
        @WithDefault("100")
        double addressPerSecond();

        @WithDefault("200")
        int addressBurst();
    }
}
