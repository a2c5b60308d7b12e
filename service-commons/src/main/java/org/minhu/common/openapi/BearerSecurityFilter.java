package org.minhu.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents the bearer token (RS256 JWT) on every {@code /api/} operation except the public
 * ones ({@code minhu.openapi.public-paths}), so the OpenAPI document says how to call each
 * endpoint without each resource method repeating it. The roles an operation admits
 * ({@code @RolesAllowed}, which Quarkus writes under its own scheme) are listed on our one
 * scheme, as OpenAPI 3.1 allows for role-based schemes, so clients and the gateway's access
 * matrix test read them from the document. Public operations say so with an empty
 * {@code security}. {@code minhu.openapi.roles} describes the roles the service serves.
 */
public class BearerSecurityFilter implements OASFilter {

    public static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        String roles = config.getOptionalValue("minhu.openapi.roles", String.class).orElse("");
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSecuritySchemes() != null) {
            // the scheme Quarkus adds for @RolesAllowed: its roles move onto ours below
            new ArrayList<>(openAPI.getComponents().getSecuritySchemes().keySet()).stream()
                    .filter(name -> !SCHEME.equals(name)).forEach(openAPI.getComponents()::removeSecurityScheme);
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An RS256 token of the platform's identity provider (locally: POST /dev/tokens on the gateway). "
                        + "Claims: sub, groups (the role), unit_id for staff. An operation's security requirement lists "
                        + "the roles it admits. " + roles));
        List<String> publicPaths = config.getOptionalValues("minhu.openapi.public-paths", String.class).orElse(List.of());
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(op -> {
            if (!path.startsWith("/api/") || publicPaths.contains(path)) {
                op.setSecurity(new ArrayList<>());
            } else {
                op.setSecurity(new ArrayList<>(List.of(
                        OASFactory.createSecurityRequirement().addScheme(SCHEME, new ArrayList<>(rolesOf(op))))));
            }
        }));
    }

    private static Set<String> rolesOf(Operation op) {
        Set<String> roles = new LinkedHashSet<>();
        if (op.getSecurity() != null) {
            for (SecurityRequirement requirement : op.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    requirement.getSchemes().values().forEach(scopes -> {
                        if (scopes != null) {
                            roles.addAll(scopes);
                        }
                    });
                }
            }
        }
        return roles;
    }
}
