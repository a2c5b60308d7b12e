package org.minhu.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's settings, under {@code minhu.gateway}. */
@ConfigMapping(prefix = "minhu.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name: petition, assignment, feedback, notification. */
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

    /**
     * Paths (a regular expression over the whole path) whose bodies may be as large as {@link #maxUploadBytes()}
     * instead: petition-service's attachment uploads (multipart, a file of at most 10 MB). Everywhere else the
     * small limit stays.
     */
    @WithDefault("/api/v1/petitions/[^/]+/attachments")
    String uploadPaths();

    /** The body limit of {@link #uploadPaths()}: a 10 MB file with its multipart framing. */
    @WithDefault("11534336")
    long maxUploadBytes();

    /**
     * {@code POST /dev/tokens} signs tokens for anyone who asks: for demos on one's own machine
     * only ({@code MINHU_DEMO_TOKENS=true}; {@code ./minhu up} sets it). With it on, the gateway
     * refuses to start when it listens on anything but a loopback address, unless
     * {@link #demoTokensOnNetwork()} says that is meant.
     */
    @WithDefault("false")
    boolean demoTokens();

    /** The second, explicit opt-in: demo tokens although the gateway listens on a network address. */
    @WithDefault("false")
    boolean demoTokensOnNetwork();

    /** The issuer of {@code /dev/tokens}' tokens: the services' {@code mp.jwt.verify.issuer}. */
    @WithDefault("https://minhu.local/dev")
    String demoTokenIssuer();

    /** How long a token from {@code /dev/tokens} lives, at most the role's maximum ({@code minhu.jwt.max-lifetime.*}). */
    @WithDefault("PT12H")
    Duration demoTokenLifetime();

    /**
     * The reverse proxies (load balancer, Ingress) in front of the gateway, as CIDRs or single
     * addresses ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.7}). Only from these is
     * {@code X-Forwarded-For} believed (the client is the right-most address not in this list) and
     * {@code X-Forwarded-Proto}/{@code -Host} taken as the public origin. None by default: the
     * client is the socket's peer.
     */
    Optional<List<String>> trustedProxies();

    /** Longest request target (path and query) answered; longer ones get 414 problem+json. */
    @WithDefault("4096")
    int maxUriLength();

    /** Most bytes of request headers (names and values) answered; more get 431 problem+json. */
    @WithDefault("20480")
    int maxHeaderBytes();

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
