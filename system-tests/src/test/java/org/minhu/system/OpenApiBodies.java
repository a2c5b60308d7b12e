package org.minhu.system;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

/**
 * A request body that satisfies an operation's schema as the document states it: every property
 * of the body (nested objects: the required ones), with its first enum value, its minimum, or a
 * string as long as its minimum length.
 * The access matrix sends it so that a refusal cannot be blamed on the body.
 */
final class OpenApiBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiBodies() {
    }

    static String minimalBody(OpenAPI api, Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = op.getRequestBody().getContent().get("application/json");
        if (json == null || json.getSchema() == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value(api, json.getSchema(), 0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static Object value(OpenAPI api, Schema schema, int depth) {
        Schema s = resolve(api, schema);
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return s.getEnum().get(0);
        }
        if (s.getAllOf() != null && !s.getAllOf().isEmpty()) {
            return value(api, (Schema) s.getAllOf().get(0), depth);
        }
        if (s.getOneOf() != null && !s.getOneOf().isEmpty()) {
            return value(api, (Schema) s.getOneOf().get(0), depth);
        }
        String type = typeOf(s);
        switch (type) {
            case "integer", "number" -> {
                BigDecimal min = s.getMinimum();
                return min == null ? 1 : min.intValue() + 1;
            }
            case "boolean" -> {
                return true;
            }
            case "array" -> {
                return s.getItems() == null || depth > 3 ? List.of() : List.of(value(api, s.getItems(), depth + 1));
            }
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                List<?> names = depth == 0 && s.getProperties() != null ? List.copyOf(s.getProperties().keySet()) : s.getRequired();
                if (s.getProperties() != null && names != null && depth <= 3) {
                    for (Object name : names) {
                        Schema property = (Schema) s.getProperties().get(name);
                        if (property != null) {
                            object.put((String) name, value(api, property, depth + 1));
                        }
                    }
                }
                return object;
            }
            default -> {
                // a string with a pattern: the document's own example matches it, free text would not
                if (s.getPattern() != null && s.getExamples() != null && !s.getExamples().isEmpty()) {
                    return s.getExamples().get(0);
                }
                if (s.getPattern() != null && s.getExample() != null) {
                    return s.getExample();
                }
                int length = s.getMinLength() == null ? 12 : Math.max(12, s.getMinLength());
                return "access matrix " + "x".repeat(Math.max(0, length - 14));
            }
        }
    }

    /** The schema's type; of a list of types (OpenAPI 3.1) the first that is not null; else object or string by its properties. */
    @SuppressWarnings("rawtypes")
    static String typeOf(Schema s) {
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getTypes() != null) {
            return (String) s.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse("string");
        }
        return s.getProperties() != null ? "object" : "string";
    }

    @SuppressWarnings("rawtypes")
    private static Schema resolve(OpenAPI api, Schema schema) {
        Schema s = schema;
        while (s.get$ref() != null) {
            s = api.getComponents().getSchemas().get(s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1));
        }
        return s;
    }
}
