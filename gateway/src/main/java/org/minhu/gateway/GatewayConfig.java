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

    /** Largest request body passed on; larger ones get 413. */
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
