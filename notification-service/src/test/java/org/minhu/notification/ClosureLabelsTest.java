package org.minhu.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minhu.notification.NotificationFlowTest.fresh;
import static org.minhu.notification.NotificationFlowTest.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.testsupport.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/** A refusal's reason and route, and a hand-off's target, reach the petitioner as words in their language, not as codes. */
@QuarkusTest
class ClosureLabelsTest {

    @RegisterExtension
    static final UpstreamEvents events = new UpstreamEvents();

    /** Submits, assigns and closes a case with {@code type} and the event's reason code and route; returns it once told. */
    private UpstreamEvents.Case closed(String type, String status, String reasonCode, String route) {
        UpstreamEvents.Case c = new UpstreamEvents.Case(fresh("citizen-closed"), fresh("unit"));
        Instant now = Instant.now();
        events.submitted(c, now.minus(10, ChronoUnit.MINUTES));
        events.assigned(c, now.minus(9, ChronoUnit.MINUTES));
        Map<String, Object> extra = new HashMap<>();
        extra.put("action", type.equals("refused") ? "refuse" : "hand-off");
        extra.put("actor", "yuzhong-gc");
        extra.put("reasonCode", reasonCode);
        extra.put("reason", "该事项已由其他途径处理，请按建议途径办理。");
        extra.put("previousStatus", "ASSIGNED");
        if (route != null) {
            extra.put("route", route);
        }
        events.caseEvent(c, type, status, now.minus(5, ChronoUnit.MINUTES), extra);
        events.flush();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(inbox(Tokens.citizen(c.petitioner), "zh-CN").<String>getList("items.kind")).contains(status));
        return c;
    }

    private static String body(UpstreamEvents.Case c, String kind, String acceptLanguage) {
        var inbox = inbox(Tokens.citizen(c.petitioner), acceptLanguage);
        int i = inbox.<String>getList("items.kind").indexOf(kind);
        return inbox.getString("items[" + i + "].body");
    }

    @Test
    void aRefusalShowsItsReasonAndRouteAsWordsInChineseAndEnglish() {
        UpstreamEvents.Case c = closed("refused", "REFUSED", "LITIGATION_OR_ARBITRATION", "LITIGATION");
        assertThat(body(c, "REFUSED", "zh-CN"))
                .contains("（属于诉讼或仲裁解决的事项）").contains("建议途径：向人民法院提起诉讼。")
                .doesNotContain("LITIGATION");
        assertThat(body(c, "REFUSED", "en-US,en;q=0.9"))
                .contains("(a matter for the courts or arbitration)")
                .contains("The route to take instead: a lawsuit before a people's court.")
                .doesNotContain("LITIGATION");

        UpstreamEvents.Case review = closed("refused", "REFUSED", "ADMINISTRATIVE_REVIEW", "ADMINISTRATIVE_REVIEW");
        assertThat(body(review, "REFUSED", "zh-CN")).contains("（属于行政复议事项）").contains("建议途径：申请行政复议。")
                .doesNotContain("ADMINISTRATIVE_REVIEW");
        assertThat(body(review, "REFUSED", "en")).contains("(a matter for administrative review)")
                .contains("The route to take instead: administrative review.").doesNotContain("ADMINISTRATIVE_REVIEW");
    }

    @Test
    void aHandOffShowsTheServiceThatTookItOverOrTheHotlinesName() {
        UpstreamEvents.Case police = closed("handed-off", "HANDED_OFF", "POLICE_110", null);
        assertThat(body(police, "HANDED_OFF", "zh-CN")).contains("已转交公安110处理").doesNotContain("POLICE_110");
        assertThat(body(police, "HANDED_OFF", "en")).contains("was handed to the police (110);").doesNotContain("POLICE_110");

        UpstreamEvents.Case power = closed("handed-off", "HANDED_OFF", "UTILITY_HOTLINE", "国网重庆电力 95598");
        assertThat(body(power, "HANDED_OFF", "zh-CN")).contains("已转交国网重庆电力 95598处理").doesNotContain("UTILITY_HOTLINE");
    }

    @Test
    void aCodeWithoutALabelIsShownAsItIs() {
        // a code assignment-service added and this service does not know yet: shown, never dropped
        UpstreamEvents.Case c = closed("refused", "REFUSED", "SOME_NEW_REASON", "SOME_NEW_ROUTE");
        assertThat(body(c, "REFUSED", "zh-CN")).contains("（SOME_NEW_REASON）").contains("建议途径：SOME_NEW_ROUTE。");
        assertThat(body(c, "REFUSED", "en")).contains("(SOME_NEW_REASON)").contains("The route to take instead: SOME_NEW_ROUTE.");
    }
}
