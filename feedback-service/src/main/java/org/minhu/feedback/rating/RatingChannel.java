package org.minhu.feedback.rating;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the rating reached us: the citizen in the app or on the web, or a hotline call-back (回访) recorded by staff. */
@Schema(description = "app or web (the citizen), hotline (a call-back recorded by hotline staff)")
public enum RatingChannel {
    @JsonProperty("app") APP("app"),
    @JsonProperty("web") WEB("web"),
    @JsonProperty("hotline") HOTLINE("hotline");

    public final String code;

    RatingChannel(String code) {
        this.code = code;
    }
}
