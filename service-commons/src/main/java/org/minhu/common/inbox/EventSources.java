package org.minhu.common.inbox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which CloudEvents {@code source} may produce which event types. Every type belongs to the
 * namespace before its last segment ({@code org.minhu.case} for {@code org.minhu.case.answered});
 * each namespace has the sources allowed to produce it. A consumer accepts an event only from
 * one of them: anyone who can write to a topic could otherwise make a service act on an event
 * its producer never sent (a forged {@code case.answered} opening a rating window, a forged
 * {@code feedback.recorded} reopening a case). Such an event, and one of a namespace no source
 * may produce, is invalid: it is dead-lettered at once and never applied.
 *
 * <p>The defaults are the platform's producers; {@code minhu.inbox.sources."<namespace>"} (a
 * comma-separated list) replaces the default of its namespace or adds a namespace.
 */
public final class EventSources {

    /** The platform's producers: each service is the only source of its own events. */
    public static final Map<String, List<String>> DEFAULTS = Map.of(
            "org.minhu.petition", List.of("/minhu/petition-service"),
            "org.minhu.case", List.of("/minhu/assignment-service"),
            "org.minhu.feedback", List.of("/minhu/feedback-service"));

    private final Map<String, List<String>> allowed;

    public EventSources(Map<String, List<String>> configured) {
        Map<String, List<String>> merged = new TreeMap<>(DEFAULTS);
        configured.forEach((namespace, sources) -> merged.put(strip(namespace), List.copyOf(sources)));
        this.allowed = Map.copyOf(merged);
    }

    /** The allowed sources of each namespace, defaults and configuration merged. */
    public Map<String, List<String>> allowed() {
        return allowed;
    }

    /** Throws {@link InboundEvent.InvalidEventException} saying why when {@code event}'s source may not produce its type. */
    public void check(InboundEvent event) {
        String type = event.type();
        String namespace = type.lastIndexOf('.') > 0 ? type.substring(0, type.lastIndexOf('.')) : type;
        // the longest configured namespace that contains the type
        List<String> sources = null;
        for (String candidate = namespace; sources == null; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            sources = allowed.get(candidate);
            if (candidate.lastIndexOf('.') < 0) {
                break;
            }
        }
        if (sources == null || sources.isEmpty()) {
            throw new InboundEvent.InvalidEventException("forged source: no source may produce events of type " + type
                    + " (minhu.inbox.sources names none for " + namespace + "); source was " + event.source());
        }
        if (!sources.contains(event.source())) {
            throw new InboundEvent.InvalidEventException("forged source: " + event.source() + " may not produce " + type
                    + " (allowed: " + String.join(", ", sources) + ")");
        }
    }

    private static String strip(String namespace) {
        String n = namespace.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1);
        }
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
