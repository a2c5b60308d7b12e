package org.minhu.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** A JSON string that no text field may hold (NUL, a lone surrogate); {@link #reason()} says why. */
public class InvalidTextException extends InvalidFormatException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public InvalidTextException(JsonParser parser, String reason) {
        // the value itself stays out: it is what could not be stored or shown
        super(parser, "Invalid text: " + reason, null, String.class);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
