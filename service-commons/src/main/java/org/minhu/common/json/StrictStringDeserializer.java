package org.minhu.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import org.minhu.common.input.TextRules;

/**
 * Jackson's own String deserializer (coercion rules included), then {@link TextRules#forbiddenInAnyText}:
 * a NUL or a lone surrogate in any string of a body is refused with the field's path.
 */
public class StrictStringDeserializer extends StdScalarDeserializer<String> {

    private static final long serialVersionUID = 1L;

    public StrictStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = StringDeserializer.instance.deserialize(p, ctxt);
        String reason = TextRules.forbiddenInAnyText(value);
        if (reason != null) {
            throw new InvalidTextException(p, reason);
        }
        return value;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }

    @Override
    public Object getEmptyValue(DeserializationContext ctxt) {
        return "";
    }
}
