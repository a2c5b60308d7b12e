package org.minhu.gateway;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /dev/tokens} {@code {role, sub, unitId}}: a signed RS256 token of the local
 * identity provider, for local runs and demos. The route exists only when
 * {@code minhu.gateway.dev-tokens=true} (the dev, test and local profiles); in production the
 * gateway has no way to mint tokens at all, and an OIDC provider issues them.
 */
@ApplicationScoped
public class DevTokens {

    static final Set<String> ROLES = Set.of("citizen", "unit_staff", "governance", "auditor", "admin");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private final GatewayConfig config;

    public DevTokens(GatewayConfig config) {
        this.config = config;
    }

    void routes(@Observes Router router) {
        if (!config.devTokens()) {
            return;
        }
        router.post("/dev/tokens").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::issue);
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
        var builder = Jwt.issuer(config.devTokenIssuer()).subject(sub).upn(sub).groups(role)
                .expiresIn(config.devTokenLifetime());
        if (unitId != null && CODE.matcher(unitId).matches()) {
            builder.claim("unit_id", unitId);
        }
        String token = builder.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign();
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("token", token).put("tokenType", "Bearer")
                        .put("expiresIn", config.devTokenLifetime().toSeconds()).put("role", role).put("sub", sub)
                        .put("unitId", unitId).encode());
    }
}
