package org.minhu.petition.open311;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of GeoReport v2 answers, for the OpenAPI document only (the XML carries the same fields). */
final class GeoReportDocs {

    private GeoReportDocs() {
    }

    @Schema(name = "Open311Service")
    record Service(String service_code, String service_name, String description, boolean metadata,
                   @Schema(enumeration = {"realtime", "batch", "blackbox"}) String type, String keywords, String group,
                   String minhu_service_name_en, String minhu_group_code, String minhu_handling) {
    }

    @Schema(name = "Open311ServiceRequest")
    record ServiceRequest(String service_request_id, @Schema(enumeration = {"open", "closed"}) String status,
                          @Schema(description = "The unit's reply (答复)") String status_notes, String service_name,
                          String service_code, String description,
                          @Schema(description = "The unit handling it") String agency_responsible, String service_notice,
                          String requested_datetime, String updated_datetime,
                          @Schema(description = "The answer deadline") String expected_datetime, String address, String address_id,
                          String zipcode, BigDecimal lat, @Schema(name = "long") BigDecimal lon, String media_url,
                          @Schema(description = "Minhu's own status name") String minhu_status, String minhu_tracking_number,
                          String minhu_region, String minhu_town) {
    }

    @Schema(name = "Open311Created")
    record Created(String service_request_id, String service_notice, String account_id, String minhu_tracking_number) {
    }

    @Schema(name = "Open311Token")
    record Token(String service_request_id, String token) {
    }

    @Schema(name = "Open311Error")
    record Error(int code, String description) {
    }
}
