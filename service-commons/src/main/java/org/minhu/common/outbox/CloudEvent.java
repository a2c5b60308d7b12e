package org.minhu.common.outbox;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 event in structured JSON mode. {@code partitionkey} is the CloudEvents
 * partitioning extension and equals the Kafka record key; {@code traceparent} and {@code tracestate}
 * are the distributed tracing extension (W3C trace context of the work that wrote the event), absent
 * when the service does not export traces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String partitionkey,
        String traceparent,
        String tracestate,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
}
