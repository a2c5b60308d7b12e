package org.minhu.petition.attachment;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * A phone stores a photo as the sensor saw it and says in its EXIF Orientation tag (0x0112) how to turn
 * it. {@link ImageCleaner} drops all metadata, so it turns the pixels first, or the unit would see the
 * photo on its side. Reads only that one tag of the first APP1 "Exif" segment of a JPEG; anything
 * unexpected means "as stored" (1).
 */
final class ExifOrientation {

    private ExifOrientation() {
    }

    /** The orientation (1 to 8) a JPEG's EXIF states, or 1. */
    static int of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return 1;
        }
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // the image data starts: no EXIF before it
            }
            int length = u16(jpeg, at + 2, false);
            int segment = at + 4;
            if (length < 2 || segment + length - 2 > jpeg.length) {
                return 1;
            }
            if (marker == 0xE1 && length >= 16 && jpeg[segment] == 'E' && jpeg[segment + 1] == 'x' && jpeg[segment + 2] == 'i'
                    && jpeg[segment + 3] == 'f' && jpeg[segment + 4] == 0 && jpeg[segment + 5] == 0) {
                return fromTiff(jpeg, segment + 6, segment + length - 2);
            }
            at = segment + length - 2;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little); // type SHORT, count 1: the value sits in the entry
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** The image turned upright as {@code orientation} says (the EXIF/TIFF meaning of 1 to 8). */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        // (x, y) of the stored image to (x', y') of the upright one: x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored top to bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // to be turned 90° clockwise (a phone held upright)
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transversed
            default -> new AffineTransform(0, -1, 1, 0, 0, w);  // 8: to be turned 90° counter-clockwise
        };
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h,
                image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : image.getType());
        Graphics2D g = out.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? (u16(b, at, true) | (long) u16(b, at + 2, true) << 16)
                : ((long) u16(b, at, false) << 16 | u16(b, at + 2, false));
    }
}
