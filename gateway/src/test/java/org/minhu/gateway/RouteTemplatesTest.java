package org.minhu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The uri tag of the gateway's HTTP metrics: a template or a fixed prefix, whatever the path. */
class RouteTemplatesTest {

    @Test
    void pathsWithIdsBecomeTheirServicesTemplates() {
        String id = UUID.randomUUID().toString();
        assertThat(RouteTemplates.of("/api/v1/petitions/" + id)).isEqualTo("/api/v1/petitions/{id}");
        assertThat(RouteTemplates.of("/api/v1/petitions/" + id + "/")).isEqualTo("/api/v1/petitions/{id}");
        assertThat(RouteTemplates.of("/api/v1/petitions/" + id + "/feedback/call-back"))
                .isEqualTo("/api/v1/petitions/{petitionId}/feedback/call-back");
        assertThat(RouteTemplates.of("/api/v1/cases/" + id + "/extension/decision")).isEqualTo("/api/v1/cases/{id}/extension/decision");
        assertThat(RouteTemplates.of("/api/v1/dead-letters/feedback/replay")).isEqualTo("/api/v1/dead-letters/feedback/replay");
        assertThat(RouteTemplates.of("/api/v1/dead-letters/feedback/" + id)).isEqualTo("/api/v1/dead-letters/feedback/{id}");
        assertThat(RouteTemplates.of("/open311/v2/requests/CQ-20261124-000123.json")).isEqualTo("/open311/v2/requests/{id}.{format}");
        assertThat(RouteTemplates.of("/open311/v2/services.xml")).isEqualTo("/open311/v2/services.{format}");
        assertThat(RouteTemplates.of("/api/v1/track/CQ-20261124-000123")).isEqualTo("/api/v1/track/{trackingNumber}");
        // a literal before the parameter in the same place
        assertThat(RouteTemplates.of("/api/v1/petitions/similar")).isEqualTo("/api/v1/petitions/similar");
        assertThat(RouteTemplates.of("/api/v1/notifications/read-all")).isEqualTo("/api/v1/notifications/read-all");
        assertThat(RouteTemplates.of("/api/v1/knowledge/public")).isEqualTo("/api/v1/knowledge/public");
        assertThat(RouteTemplates.of("/api/v1/cases/sign")).isEqualTo("/api/v1/cases/sign");
        assertThat(RouteTemplates.of("/api/v1/cases/counts")).isEqualTo("/api/v1/cases/counts");
        assertThat(RouteTemplates.of("/api/v1/stats/rankings")).isEqualTo("/api/v1/stats/rankings");
        assertThat(RouteTemplates.of("/api/v1/stats/hotspots")).isEqualTo("/api/v1/stats/hotspots");
        assertThat(RouteTemplates.of("/api/v1/units/Z-WSJKQ-health/reply-templates/" + id))
                .isEqualTo("/api/v1/units/{unitId}/reply-templates/{templateId}");
        assertThat(RouteTemplates.of("/api/v1/notifications/" + id + "/read")).isEqualTo("/api/v1/notifications/{id}/read");
        assertThat(RouteTemplates.of("/api/v1/notifications/" + id)).isEqualTo("/api/v1/notifications/{id}");
    }

    @Test
    void whatMatchesNoTemplateIsTaggedByAFixedPrefixNeverByWhatTheCallerTyped() {
        assertThat(RouteTemplates.of("/api/v1/people/13812345678")).isEqualTo("/api/*");
        assertThat(RouteTemplates.of("/api/v1/cases/" + UUID.randomUUID() + "/anything")).isEqualTo("/api/*");
        assertThat(RouteTemplates.of("/open311/v3/x")).isEqualTo("/open311/*");
        assertThat(RouteTemplates.of("/q/metrics")).isEqualTo("/q/*");
        assertThat(RouteTemplates.of("/citizen/petitions/" + UUID.randomUUID())).isEqualTo("/*");
        assertThat(RouteTemplates.of(null)).isEqualTo("/*");
    }
}
