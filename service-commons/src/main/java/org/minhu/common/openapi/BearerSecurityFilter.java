package org.minhu.common.openapi;

import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents the bearer token (RS256 JWT) on every {@code /api/} operation except the public
 * ones ({@code minhu.openapi.public-paths}), so the OpenAPI document says how to call each
 * endpoint without each resource method repeating it; {@code minhu.openapi.roles} says which
 * roles the service serves.
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
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An RS256 token of the platform's identity provider (locally: POST /dev/tokens on the gateway). "
                        + "Claims: sub, groups (the role), unit_id for staff. " + roles));
        List<String> publicPaths = config.getOptionalValues("minhu.openapi.public-paths", String.class).orElse(List.of());
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/") || publicPaths.contains(path)) {
                return;
            }
            item.getOperations().values().forEach(op ->
                    op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        });
    }
}
