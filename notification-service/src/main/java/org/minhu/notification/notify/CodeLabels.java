package org.minhu.notification.notify;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The human labels of codes that events carry (a refusal's reason and legal route, a hand-off's
 * target), from the bundles {@code messages/codes_zh.properties} and {@code messages/codes_en.properties}
 * (UTF-8), keys {@code <group>.<CODE>}. A code the bundle does not know (one added upstream and not
 * yet here) is shown as it is, never dropped.
 */
public final class CodeLabels {

    /** Why a request was not accepted (assignment-service's RefusalReason). */
    public static final String REFUSAL = "refusal";
    /** The legal route to take instead (assignment-service's LegalRoute). */
    public static final String ROUTE = "route";
    /** Who took a request over (assignment-service's HandOffTarget). */
    public static final String HAND_OFF = "hand-off";

    // no fallback to the JVM's default locale, nor from one language to the other: an unknown key is the code
    private static final ResourceBundle.Control EXACT =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ResourceBundle ZH = ResourceBundle.getBundle("messages.codes", Locale.CHINESE, EXACT);
    private static final ResourceBundle EN = ResourceBundle.getBundle("messages.codes", Locale.ENGLISH, EXACT);

    private CodeLabels() {
    }

    /** The label of {@code code} in {@code group} in {@code locale} ({@value Messages#EN} or else zh-CN); empty for none. */
    public static String label(String group, String code, String locale) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        ResourceBundle bundle = Messages.EN.equals(locale) ? EN : ZH;
        String key = group + "." + code;
        return bundle.containsKey(key) ? bundle.getString(key) : code;
    }
}
