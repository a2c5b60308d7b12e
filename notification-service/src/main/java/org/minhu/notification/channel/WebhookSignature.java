package org.minhu.notification.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature, as Stripe signs its webhooks: {@code HMAC-SHA256(secret, timestamp + "." + body)}
 * in lower-case hex, sent as {@value #SIGNATURE}{@code : v1=<hex>} beside {@value #TIMESTAMP} (Unix seconds).
 * A receiver recomputes it over the raw body, compares in constant time, and refuses a timestamp
 * older than a few minutes (replays).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP = "Minhu-Timestamp";
    public static final String SIGNATURE = "Minhu-Signature";
    public static final String DELIVERY = "Minhu-Delivery";

    private WebhookSignature() {
    }

    /** {@code v1=<hex HMAC-SHA256 of timestamp + "." + body>}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
