package org.minhu.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a request puts into the logging context, on plain values: no Quarkus. */
class RequestLogContextTest {

    @AfterEach
    void clear() {
        RequestLogContext.leave();
    }

    @Test
    void theGatewaysRequestIdAndTheTraceIdOfItsTraceparentAreLogged() {
        RequestLogContext.enter("req-gw-42", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isEqualTo("req-gw-42");
        assertThat(MDC.get(RequestLogContext.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void valuesThatCouldWriteIntoTheLogsAreLeftOut() {
        RequestLogContext.enter("forged\nINFO  admin signed in", "00-not-a-trace-id-01");
        assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isNull();
        assertThat(MDC.get(RequestLogContext.TRACE_ID)).isNull();
        RequestLogContext.enter("x".repeat(129), "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01");
        assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isNull();
        assertThat(MDC.get(RequestLogContext.TRACE_ID)).as("upper-case hex is not W3C").isNull();
    }

    @Test
    void aRequestWithoutIdsDoesNotKeepThoseOfThePreviousOne() {
        RequestLogContext.enter("req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        RequestLogContext.enter(null, null);
        assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isNull();
        assertThat(MDC.get(RequestLogContext.TRACE_ID)).isNull();
        RequestLogContext.enter("req-2", null);
        RequestLogContext.leave();
        assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isNull();
    }
}
