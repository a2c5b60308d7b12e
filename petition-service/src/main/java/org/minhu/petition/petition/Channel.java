package org.minhu.petition.petition;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the request reached the platform. */
public enum Channel {
    APP("app"),
    WEB("web"),
    HOTLINE("hotline"),
    MINI_PROGRAM("mini-program"),
    MAILBOX("mailbox");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
