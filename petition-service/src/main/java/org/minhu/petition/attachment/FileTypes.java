package org.minhu.petition.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a file is, from its first bytes (its magic number), never from its name or the Content-Type the
 * client sent. Accepted: JPEG, PNG, PDF. WebP and HEIC are recognised only to say so: the JDK's image
 * I/O cannot decode them, so they cannot be re-encoded without their metadata, and are refused.
 */
public final class FileTypes {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String PDF = "application/pdf";
    public static final String ACCEPTED = "JPEG, PNG or PDF";

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private FileTypes() {
    }

    /** The accepted type of {@code bytes}, or empty. */
    public static Optional<String> accepted(byte[] bytes) {
        if (startsWith(bytes, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /** A name for a refused file's kind, for the message: what it looks like, when it is a kind people send. */
    public static String describe(byte[] bytes) {
        if (bytes.length >= 12 && startsWith(bytes, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && Arrays.equals(Arrays.copyOfRange(bytes, 8, 12), "WEBP".getBytes(StandardCharsets.US_ASCII))) {
            return "a WebP image";
        }
        if (bytes.length >= 12 && Arrays.equals(Arrays.copyOfRange(bytes, 4, 8), "ftyp".getBytes(StandardCharsets.US_ASCII))) {
            String brand = new String(bytes, 8, 4, StandardCharsets.US_ASCII);
            return brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("hev") ? "a HEIC image" : "a video or ISO media file";
        }
        if (startsWith(bytes, new byte[] {'M', 'Z'}) || startsWith(bytes, new byte[] {0x7f, 'E', 'L', 'F'})) {
            return "an executable";
        }
        if (startsWith(bytes, new byte[] {'G', 'I', 'F', '8'})) {
            return "a GIF image";
        }
        if (startsWith(bytes, new byte[] {'P', 'K', 3, 4})) {
            return "a ZIP archive or office document";
        }
        return "of a kind not accepted";
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }
}
