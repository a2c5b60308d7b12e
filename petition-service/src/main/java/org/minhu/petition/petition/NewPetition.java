package org.minhu.petition.petition;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.common.input.SingleLine;

/**
 * What a citizen sends to file a request. Everything else (status, tracking number, times,
 * the petitioner) is set by the platform; a body that tries to set it is refused.
 */
@Schema(name = "NewPetition", description = "A request (诉求) as a citizen files it")
public record NewPetition(
        @Schema(description = "Short title", examples = "南坪片区夜间停车难，希望增设停车位", maxLength = 200)
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") @SingleLine
        String title,

        @Schema(description = "What happened and what is asked for", maxLength = 4000,
                examples = "小区周边车位严重不足，夜间车辆只能停在路边，影响消防通道。希望在桥下空地增设停车位。")
        @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
        String description,

        @Schema(description = "A category code from GET /api/v1/categories", examples = "traffic-parking")
        @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters")
        String categoryCode,

        @Schema(description = "A district-level region code from GET /api/v1/regions?level=DISTRICT", examples = "500108")
        @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters")
        String regionCode,

        @Schema(description = "Optional town or street inside the region, from GET /api/v1/regions?parent={regionCode}",
                examples = "500108-NANPING")
        @Size(max = 64, message = "must be at most 64 characters")
        String townCode,

        @Schema(description = "Where the problem is: coordinates inside Chongqing, or an address, or both")
        @Valid
        Location location,

        @Schema(description = "How the request reached the platform", examples = "app")
        @NotNull(message = "is required; one of app, web, hotline, mini-program, mailbox")
        Channel channel,

        @Schema(description = "How the handling unit can reach the petitioner (personal data: shown only to the petitioner and the unit)")
        @NotNull(message = "is required") @Valid
        Contact contact) {

    /** Chongqing's bounding box, with a small margin. */
    public static final String MIN_LATITUDE = "28.10";
    public static final String MAX_LATITUDE = "32.25";
    public static final String MIN_LONGITUDE = "105.25";
    public static final String MAX_LONGITUDE = "110.25";

    @Schema(name = "Location")
    public record Location(
            @Schema(description = "WGS-84 latitude inside Chongqing", examples = "29.5253")
            @DecimalMin(value = MIN_LATITUDE, message = "must be inside Chongqing (" + MIN_LATITUDE + " to " + MAX_LATITUDE + ")")
            @DecimalMax(value = MAX_LATITUDE, message = "must be inside Chongqing (" + MIN_LATITUDE + " to " + MAX_LATITUDE + ")")
            BigDecimal latitude,

            @Schema(description = "WGS-84 longitude inside Chongqing", examples = "106.5702")
            @DecimalMin(value = MIN_LONGITUDE, message = "must be inside Chongqing (" + MIN_LONGITUDE + " to " + MAX_LONGITUDE + ")")
            @DecimalMax(value = MAX_LONGITUDE, message = "must be inside Chongqing (" + MIN_LONGITUDE + " to " + MAX_LONGITUDE + ")")
            BigDecimal longitude,

            @Schema(description = "Address text (personal data when it is a home address)", examples = "南岸区南坪街道江南大道8号附近")
            @Size(max = 500, message = "must be at most 500 characters")
            String address) {
    }

    @Schema(name = "Contact")
    public record Contact(
            @Schema(examples = "王小明")
            @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters") @SingleLine
            String name,

            @Schema(description = "Mainland mobile (11 digits, optional +86) or a landline with area code", examples = "13812341234")
            @NotBlank(message = "is required")
            @Pattern(regexp = "(\\+86)?1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}",
                    message = "must be a mainland mobile number (11 digits) or a landline such as 023-12345678")
            String phone,

            @Schema(description = "Hide the name from the handling unit (the governance centre still sees it); only where "
                    + "the category allows it (nameHideable in GET /api/v1/categories). The phone stays visible: the unit calls back.")
            // absent rather than false in the idempotency fingerprint, so a body sent before this field existed keeps its fingerprint
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Boolean hideName) {

        public boolean nameHidden() {
            return Boolean.TRUE.equals(hideName);
        }
    }
}
