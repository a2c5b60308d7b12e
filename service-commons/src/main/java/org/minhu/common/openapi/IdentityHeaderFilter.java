package org.minhu.common.openapi;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents the caller-identity header on every {@code /api/} operation except the public
 * ones, so the OpenAPI document says how to call each endpoint without each resource method
 * repeating it. Settings: {@code minhu.openapi.identity-header}, {@code ...-description},
 * {@code minhu.openapi.public-paths}. Until the gateway issues tokens, the header is the identity.
 */
public class IdentityHeaderFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        Optional<String> header = config.getOptionalValue("minhu.openapi.identity-header", String.class);
        if (header.isEmpty() || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        String description = config.getOptionalValue("minhu.openapi.identity-header-description", String.class)
                .orElse("The caller's identity");
        List<String> publicPaths = config.getOptionalValues("minhu.openapi.public-paths", String.class).orElse(List.of());
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/") || publicPaths.contains(path)) {
                return;
            }
            item.getOperations().values().forEach(op -> {
                boolean present = op.getParameters() != null
                        && op.getParameters().stream().anyMatch(p -> header.get().equalsIgnoreCase(p.getName()));
                if (!present) {
                    op.addParameter(OASFactory.createParameter()
                            .name(header.get())
                            .in(Parameter.In.HEADER)
                            .required(true)
                            .description(description)
                            .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)));
                }
            });
        });
    }
}
