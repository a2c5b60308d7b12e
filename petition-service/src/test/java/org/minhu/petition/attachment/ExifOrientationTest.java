package org.minhu.petition.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

/** A phone photo's EXIF Orientation is read from its bytes and applied to the pixels before the metadata goes. */
class ExifOrientationTest {

    /** A JPEG's start with an APP1 Exif segment whose IFD0 holds only the Orientation tag. */
    private static byte[] withOrientation(int orientation, boolean littleEndian) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        byte[] tiff = littleEndian
                ? new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, 0, 0, 0, 0}
                : new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2}); // start of scan
        return out.toByteArray();
    }

    @Test
    void theOrientationTagIsReadInEitherByteOrder() {
        for (int o = 1; o <= 8; o++) {
            assertThat(ExifOrientation.of(withOrientation(o, true))).isEqualTo(o);
            assertThat(ExifOrientation.of(withOrientation(o, false))).isEqualTo(o);
        }
    }

    @Test
    void withoutATagOrWithGarbageThePhotoIsTakenAsStored() {
        assertThat(ExifOrientation.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2})).isEqualTo(1);
        assertThat(ExifOrientation.of(new byte[] {1, 2, 3})).isEqualTo(1);
        byte[] broken = withOrientation(6, true);
        broken[5] = (byte) 0x7F; // a segment length past the end
        assertThat(ExifOrientation.of(broken)).isEqualTo(1);
        assertThat(ExifOrientation.of(withOrientation(9, true))).isEqualTo(1);
    }

    @Test
    void eachOrientationPutsTheStoredTopLeftPixelWhereTheViewerExpectsIt() {
        // 3 wide, 2 high, the top-left pixel marked
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, 0xFF0000);
        int[][] expected = { // orientation -> where the marked pixel lands, and the upright size
                {}, {0, 0, 3, 2}, {2, 0, 3, 2}, {2, 1, 3, 2}, {0, 1, 3, 2}, {0, 0, 2, 3}, {1, 0, 2, 3}, {1, 2, 2, 3}, {0, 2, 2, 3}};
        for (int o = 1; o <= 8; o++) {
            BufferedImage upright = ExifOrientation.upright(stored, o);
            int[] e = expected[o];
            assertThat(new int[] {upright.getWidth(), upright.getHeight()}).as("size for " + o).containsExactly(e[2], e[3]);
            assertThat(upright.getRGB(e[0], e[1]) & 0xFFFFFF).as("marked pixel for " + o).isEqualTo(0xFF0000);
        }
    }
}
