package org.minhu.gateway;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /dev/tokens} {@code {role, sub, unitId}}: a signed RS256 token of the local
 * identity provider, for demos on one's own machine. The route exists only with the explicit
 * opt-in {@code minhu.gateway.demo-tokens=true} ({@code MINHU_DEMO_TOKENS}; {@code ./minhu up} and
 * dev mode set it), and then the gateway refuses to start on a non-loopback address unless
 * {@code minhu.gateway.demo-tokens-on-network=true} says so too: anyone who reaches the route can
 * be anyone. In production the gateway has no way to mint tokens at all; an OIDC provider issues
 * them. Tokens carry the audience ({@code minhu.jwt.audience}) and live at most their role's
 * maximum ({@link TokenRules}).
 */
@ApplicationScoped
public class DevTokens {

    static final Set<String> ROLES = Set.of("citizen", "unit_staff", "governance", "auditor", "admin");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private final GatewayConfig config;
    private final TokenRules rules;
    private final String audience;
    private final String host;

    public DevTokens(GatewayConfig config, TokenRules rules,
                     @ConfigProperty(name = "minhu.jwt.audience", defaultValue = "minhu") String audience,
                     @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        this.config = config;
        this.rules = rules;
        this.audience = audience;
        this.host = host;
    }

    void routes(@Observes Router router) {
        if (!config.demoTokens()) {
            return;
        }
        String refusal = refusal(host, config.demoTokensOnNetwork());
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        router.post("/dev/tokens").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::issue);
    }

    /**
     * Why the gateway must not start with demo tokens on {@code host}, or null: only a loopback
     * address keeps {@code /dev/tokens} to the machine's own users.
     */
    static String refusal(String host, boolean onNetwork) {
        if (onNetwork || loopback(host)) {
            return null;
        }
        return "minhu.gateway.demo-tokens=true (MINHU_DEMO_TOKENS) lets anyone who reaches POST /dev/tokens sign tokens of any role, "
                + "and the gateway listens on " + host + ", not a loopback address. Listen on 127.0.0.1 (quarkus.http.host, "
                + "MINHU_BIND for ./minhu up), turn demo tokens off, or, for a demo on a network of your own, also set "
                + "minhu.gateway.demo-tokens-on-network=true (MINHU_DEMO_TOKENS_ON_NETWORK).";
    }

    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] address = TrustedProxies.literal(host);
        try {
            return address != null && java.net.InetAddress.getByAddress(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private void issue(RoutingContext ctx) {
        String path = ctx.request().path();
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            Problems.send(ctx.response(), 400, "malformed-request", "Malformed request", "The body must be a JSON object {role, sub, unitId}", path);
            return;
        }
        if (body == null) {
            Problems.send(ctx.response(), 400, "malformed-request", "Malformed request", "The body must be a JSON object {role, sub, unitId}", path);
            return;
        }
        String role = body.getString("role");
        String sub = body.getString("sub");
        String unitId = body.getString("unitId");
        if (role == null || !ROLES.contains(role)) {
            Problems.send(ctx.response(), 400, "validation", "Invalid request", "role must be one of " + ROLES, path);
            return;
        }
        if (sub == null || !CODE.matcher(sub).matches()) {
            Problems.send(ctx.response(), 400, "validation", "Invalid request", "sub must be 1 to 64 letters, digits or . _ : @ -", path);
            return;
        }
        boolean staff = role.equals("unit_staff") || role.equals("governance");
        if (staff && (unitId == null || !CODE.matcher(unitId).matches())) {
            Problems.send(ctx.response(), 400, "validation", "Invalid request", "unitId is required for " + role, path);
            return;
        }
        Duration lifetime = config.demoTokenLifetime();
        Duration max = rules.maxLifetime(Set.of(role));
        if (lifetime.compareTo(max) > 0) {
            lifetime = max;
        }
        long now = System.currentTimeMillis() / 1000;
        var builder = Jwt.issuer(config.demoTokenIssuer()).audience(audience).subject(sub).upn(sub).groups(role)
                .issuedAt(now).expiresAt(now + lifetime.toSeconds());
        if (unitId != null && CODE.matcher(unitId).matches()) {
            builder.claim("unit_id", unitId);
        }
        String token = builder.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign();
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("token", token).put("tokenType", "Bearer")
                        .put("expiresIn", lifetime.toSeconds()).put("role", role).put("sub", sub)
                        .put("unitId", unitId).encode());
    }
}
