package org.minhu.common.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How every service reads JSON: a value has the type the schema says, or the body is refused
 * (400 problem+json naming the field, see {@code ProblemMappers}). Jackson's defaults were lenient:
 * {@code 0} was read as an enum's first constant, {@code 1} as the string "1" or as true,
 * {@code 1.5} as the whole number 1, and a key given twice kept its last value. Here:
 * <ul>
 * <li>no numbers for enums, strings or booleans, no booleans for strings;</li>
 * <li>no fractions for whole numbers;</li>
 * <li>a key twice in one object is refused ({@code STRICT_DUPLICATE_DETECTION}), event trees
 * included: a CloudEvent with a duplicate attribute is ambiguous, hence poison;</li>
 * <li>no NUL or lone surrogate in any string ({@link StrictStringDeserializer}).</li>
 * </ul>
 * Writing is unchanged, so events and answers read the same as before.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("minhu-strict-text").addDeserializer(String.class, new StrictStringDeserializer()));
    }
}
