package org.minhu.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minhu.common.inbox.InboundEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/** How the trace context travels in a CloudEvent's distributed-tracing attributes, read by the relay and by consumers. */
class EventTracingTest {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theRelayReadsTheTopLevelAttributeNotAFieldOfTheSameNameInTheData() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"x\",\"traceparent\":\"" + TRACEPARENT + "\",\"tracestate\":\"a=1\","
                + "\"data\":{\"traceparent\":\"not-this\"}}";
        assertThat(EventTracing.attribute(event, EventTracing.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(EventTracing.attribute(event, EventTracing.TRACESTATE)).isEqualTo("a=1");

        String untraced = "{\"specversion\":\"1.0\",\"id\":\"x\",\"data\":{\"traceparent\":\"" + TRACEPARENT + "\"}}";
        assertThat(EventTracing.attribute(untraced, EventTracing.TRACEPARENT)).as("only inside the data").isNull();
        assertThat(EventTracing.attribute("{\"traceparent\":\"" + "f".repeat(600) + "\"}", EventTracing.TRACEPARENT))
                .as("over-long").isNull();
    }

    @Test
    void aConsumerTakesTheContextFromTheEventAndIgnoresAMalformedOneInsteadOfRefusingTheEvent() {
        ObjectMapper mapper = new ObjectMapper();
        String base = "{\"specversion\":\"1.0\",\"id\":\"3f2b8c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b\",\"source\":\"/minhu/x\","
                + "\"type\":\"org.minhu.petition.submitted\",\"data\":{}";
        InboundEvent traced = InboundEvent.parse(mapper, base + ",\"traceparent\":\"" + TRACEPARENT + "\",\"tracestate\":\"a=1\"}");
        assertThat(traced.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(traced.tracestate()).isEqualTo("a=1");

        assertThat(InboundEvent.parse(mapper, base + "}").traceparent()).isNull();
        InboundEvent odd = InboundEvent.parse(mapper, base + ",\"traceparent\":42}");
        assertThat(odd.traceparent()).isNull();
        assertThat(odd.type()).isEqualTo("org.minhu.petition.submitted");
    }
}
