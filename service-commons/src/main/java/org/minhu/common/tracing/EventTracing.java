package org.minhu.common.tracing;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Carries a trace across Kafka in the events themselves, as the CloudEvents distributed tracing
 * extension says: the outbox writes the W3C {@code traceparent} (and {@code tracestate}) of the work
 * that wrote an event into the event ({@link #currentContext()}); the relay publishes it in a
 * producer span ({@link #publishing}); a consumer applies it in a consumer span whose parent is that
 * context ({@link #consuming}), so the events it writes in turn carry the same trace on. The Kafka
 * connector's own tracing is off ({@code mp.messaging.connector.smallrye-kafka.tracing-enabled=false}):
 * it would add a "receive" span per record, from the {@code traceparent} header the relay also sets
 * for Kafka tools and other consumers, beside the span of the event's work.
 * <p>
 * With traces off ({@code quarkus.otel.sdk.disabled=true}, the default) nothing is written into
 * events and every span here is a no-op.
 */
@ApplicationScoped
public class EventTracing {

    /** The two CloudEvents attributes of the distributed tracing extension, which are also the W3C header names. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final boolean enabled;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public EventTracing(OpenTelemetry openTelemetry,
                        @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled) {
        this.enabled = !disabled;
        this.tracer = openTelemetry.getTracer("org.minhu.events");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Whether this service exports traces. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The trace context of the current span as the tracing extension's attributes ({@link #TRACEPARENT},
     * maybe {@link #TRACESTATE}); empty when there is no current span or traces are off.
     */
    public Map<String, String> currentContext() {
        if (!enabled || !Span.current().getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(Context.current(), carrier, Map::put);
        carrier.keySet().retainAll(java.util.Set.of(TRACEPARENT, TRACESTATE));
        return carrier;
    }

    /**
     * A span that an event's work runs in: started with {@code parent} (the event's traceparent and
     * tracestate, either may be null) as its parent, made current until {@link Active#close()}, and
     * named by what it does with the event.
     */
    public Active consuming(String eventType, String eventId, String traceparent, String tracestate) {
        return start("process " + eventType, SpanKind.CONSUMER, eventType, eventId, traceparent, tracestate);
    }

    /**
     * The relay's span for publishing one event to {@code topic}, a child of the context written into
     * the event ({@code cloudEvent}, its JSON as the outbox stored it). Not made current: the relay
     * ends each when the broker acknowledges its record ({@link #end}). An invalid span when traces are off.
     */
    public Span publishing(String topic, String eventType, String cloudEvent) {
        if (!enabled) {
            return Span.getInvalid();
        }
        Span span = span("publish " + topic, SpanKind.PRODUCER, eventType, null,
                attribute(cloudEvent, TRACEPARENT), attribute(cloudEvent, TRACESTATE));
        span.setAttribute("messaging.destination.name", topic);
        return span;
    }

    /** The W3C traceparent of {@code span}, for a Kafka header; null for an invalid span. */
    public static String traceparent(Span span) {
        var context = span.getSpanContext();
        return context.isValid() ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex() : null;
    }

    /** Ends a span of {@link #publishing}: failed when {@code failure} is not null. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }

    /**
     * A top-level string attribute of an event as the outbox serialized it (the extension attributes
     * come before {@code data}, so the first occurrence is the attribute, not a value inside the data).
     * Reading the whole JSON for two short attributes would cost the relay a parse per event.
     */
    static String attribute(String cloudEvent, String name) {
        String marker = "\"" + name + "\":\"";
        int start = cloudEvent.indexOf(marker);
        int data = cloudEvent.indexOf("\"data\":");
        if (start < 0 || data >= 0 && start > data) {
            return null;
        }
        start += marker.length();
        int end = cloudEvent.indexOf('"', start);
        return end < 0 || end - start > 512 ? null : cloudEvent.substring(start, end);
    }

    private Active start(String name, SpanKind kind, String eventType, String eventId, String traceparent, String tracestate) {
        if (!enabled) {
            return Active.NONE;
        }
        Span span = span(name, kind, eventType, eventId, traceparent, tracestate);
        return new Active(span, span.makeCurrent());
    }

    private Span span(String name, SpanKind kind, String eventType, String eventId, String traceparent, String tracestate) {
        Map<String, String> carrier = new HashMap<>(2);
        if (traceparent != null) {
            carrier.put(TRACEPARENT, traceparent);
        }
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        Context parent = carrier.isEmpty() ? Context.root() : propagator.extract(Context.root(), carrier, MAP_GETTER);
        var builder = tracer.spanBuilder(name)
                .setSpanKind(kind)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("cloudevents.event_type", eventType == null ? "" : eventType);
        if (eventId != null) {
            builder.setAttribute("cloudevents.event_id", eventId);
        }
        return builder.startSpan();
    }

    /**
     * A started span, current on this thread until closed. {@link #failed} marks it as an error;
     * closing ends it. Also puts its trace id into the logging context, so the lines logged while an
     * event is applied carry the trace id as a request's lines do.
     */
    public static final class Active implements AutoCloseable {

        static final Active NONE = new Active(Span.getInvalid(), null);

        private final Span span;
        private final Scope scope;
        private final Object previousTraceId;

        Active(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
            this.previousTraceId = scope == null ? null : MDC.get("traceId");
            if (scope != null) {
                MDC.put("traceId", span.getSpanContext().getTraceId());
            }
        }

        /** Marks the span as failed, with the failure's class only: a message may quote a row's values. */
        public void failed(Throwable failure) {
            if (scope != null) {
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            }
        }

        @Override
        public void close() {
            if (scope == null) {
                return;
            }
            scope.close();
            span.end();
            if (previousTraceId == null) {
                MDC.remove("traceId");
            } else {
                MDC.put("traceId", previousTraceId);
            }
        }
    }
}
