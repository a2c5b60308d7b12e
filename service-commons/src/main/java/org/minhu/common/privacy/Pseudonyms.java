package org.minhu.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA256 of a value under a secret key, in hex. Without the key nobody can
 * recompute one from a guess (a phone number has only about 10^10 values: an unkeyed hash of one
 * is found by trying them all); with the same key the same value always gives the same pseudonym.
 */
public final class Pseudonyms {

    private final SecretKeySpec key;

    private Pseudonyms(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a pseudonym key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Pseudonyms under a key from the configuration (its UTF-8 bytes; at least 16). */
    public static Pseudonyms keyed(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the pseudonym key is empty");
        }
        return new Pseudonyms(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Pseudonyms under a fresh random key: they can be compared with each other, never recomputed later. */
    public static Pseudonyms ephemeral() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Pseudonyms(key);
    }

    /** The pseudonym of {@code value}: 64 hex characters. */
    public String of(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The first {@code hexChars} characters of the pseudonym. */
    public String of(String value, int hexChars) {
        return of(value).substring(0, hexChars);
    }
}
