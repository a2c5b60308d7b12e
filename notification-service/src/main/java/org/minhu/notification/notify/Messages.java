package org.minhu.notification.notify;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Renders a notification from its kind and variables with the Qute templates
 * {@code templates/notification/<KIND>_<zh|en>.txt} (fragments {@code subject} and {@code body}).
 * Every variable the templates know is defined (empty when the event did not carry it).
 */
@ApplicationScoped
public class Messages {

    public static final String ZH = "zh-CN";
    public static final String EN = "en";

    /** Every variable a template may use; see the README. */
    static final List<String> VARIABLES = List.of("trackingNumber", "title", "unitName", "unitNameZh", "unitNameEn", "reply",
            "link", "signDeadline", "answerDeadline", "closesAt", "reasonCode", "route", "escalatedTo");

    private final Engine engine;

    public Messages(Engine engine) {
        this.engine = engine;
    }

    /** What a message says in one language. */
    public record Rendered(String subject, String body, String link) {
    }

    /**
     * {@code kind} in {@code locale} ({@value #ZH} or {@value #EN}); {@code linkBase} is put before the
     * link's path (empty for the in-app inbox, the public URL for e-mail and webhooks).
     */
    public Rendered render(String kind, String locale, JsonNode variables, String linkBase) {
        Map<String, Object> data = new LinkedHashMap<>();
        VARIABLES.forEach(name -> data.put(name, ""));
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            data.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        String path = (String) data.get("link");
        String link = path.isEmpty() ? null : linkBase + path;
        data.put("link", link == null ? "" : link);
        boolean en = EN.equals(locale);
        data.put("unitName", en ? data.get("unitNameEn") : data.get("unitNameZh"));
        labels(kind, locale, data);
        Template template = engine.getTemplate("notification/" + kind + (en ? "_en" : "_zh") + ".txt");
        if (template == null) {
            throw new IllegalStateException("no template for " + kind + " in " + locale);
        }
        return new Rendered(fragment(template, "subject", data), fragment(template, "body", data), link);
    }

    /**
     * {@code reasonLabel} and {@code routeLabel}: the codes of a refusal (reason, legal route) and of a
     * hand-off (target; its route is the hotline's name, already words) in the message's language,
     * labelled when read, so a label added or fixed applies to old notifications too.
     */
    private static void labels(String kind, String locale, Map<String, Object> data) {
        String reason = (String) data.get("reasonCode");
        String route = (String) data.get("route");
        if (Kind.REFUSED.name().equals(kind)) {
            data.put("reasonLabel", CodeLabels.label(CodeLabels.REFUSAL, reason, locale));
            data.put("routeLabel", CodeLabels.label(CodeLabels.ROUTE, route, locale));
        } else if (Kind.HANDED_OFF.name().equals(kind)) {
            data.put("reasonLabel", CodeLabels.label(CodeLabels.HAND_OFF, reason, locale));
            data.put("routeLabel", route);
        } else {
            data.put("reasonLabel", reason);
            data.put("routeLabel", route);
        }
    }

    private static String fragment(Template template, String id, Map<String, Object> data) {
        TemplateInstance instance = template.getFragment(id).instance();
        data.forEach(instance::data);
        return instance.render().strip();
    }

    /** {@value #EN} when {@code acceptLanguage} prefers English, else {@value #ZH} (the default). */
    public static String locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ZH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("en")) {
                    return EN;
                }
                if (tag.startsWith("zh")) {
                    return ZH;
                }
            }
        } catch (IllegalArgumentException e) {
            return ZH;
        }
        return ZH;
    }
}
