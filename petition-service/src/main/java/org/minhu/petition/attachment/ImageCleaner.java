package org.minhu.petition.attachment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.minhu.petition.config.PetitionConfig;

/**
 * Decodes an image and encodes its pixels again, so that nothing but pixels survives: no EXIF (GPS
 * position, camera, time), no XMP, no comments, no ICC profile, nothing appended after the image.
 * A JPEG stays a JPEG and a PNG a PNG; one whose longer side is over
 * {@code minhu.petition.attachments.max-image-side} is scaled down while decoding (subsampling, so it
 * never takes its full size in memory). A JPEG is turned upright first as its EXIF Orientation says
 * ({@link ExifOrientation}), since that tag goes with the rest. Also makes the thumbnail (a JPEG). One image at a time: a decoded
 * photo takes tens of megabytes of heap.
 */
@ApplicationScoped
public class ImageCleaner {

    /** The re-encoded image and its thumbnail. */
    public record Cleaned(byte[] image, byte[] thumbnail) {
    }

    /** The bytes are no image the decoder can read (a truncated or forged file). */
    public static class UnreadableImageException extends Exception {
        UnreadableImageException(String message) {
            super(message);
        }
    }

    private final Semaphore oneAtATime = new Semaphore(1, true);
    private final int maxSide;
    private final int thumbnailSide;

    public ImageCleaner(PetitionConfig config) {
        this.maxSide = config.attachments().maxImageSide();
        this.thumbnailSide = config.attachments().thumbnailSide();
    }

    public Cleaned clean(byte[] bytes, String type) throws UnreadableImageException {
        oneAtATime.acquireUninterruptibly();
        try {
            boolean jpeg = FileTypes.JPEG.equals(type);
            BufferedImage image = decode(bytes);
            if (jpeg) {
                // the metadata is dropped below: turn the pixels the way its Orientation tag says first
                image = ExifOrientation.upright(image, ExifOrientation.of(bytes));
            }
            byte[] out = jpeg ? jpeg(rgb(image), 0.9f) : png(image);
            return new Cleaned(out, jpeg(scaled(image, thumbnailSide), 0.8f));
        } catch (IOException e) {
            throw new UnreadableImageException("the image could not be read: " + e.getMessage());
        } finally {
            oneAtATime.release();
        }
    }

    private BufferedImage decode(byte[] bytes) throws IOException, UnreadableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("no decoder for this image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true); // ignore metadata: it is never read, let alone kept
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int step = Math.max(1, (int) Math.ceil(Math.max(width, height) / (double) maxSide));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new UnreadableImageException("the image has no pixels");
                }
                return image;
            } catch (RuntimeException e) { // decoders throw unchecked exceptions on forged headers
                throw new UnreadableImageException("the image could not be decoded");
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE); // transparency on white, as a viewer shows it
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static BufferedImage scaled(BufferedImage image, int side) {
        double factor = Math.min(1.0, side / (double) Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return thumb;
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param); // no metadata: a bare JFIF header
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG encoder");
        }
        return bytes.toByteArray();
    }
}
