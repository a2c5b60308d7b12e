package org.minhu.petition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.testsupport.Tokens;

/**
 * 附件: photos and PDFs on a request, against the real object store (S3Proxy in its own JVM) and PostgreSQL.
 */
@QuarkusTest
class AttachmentsTest {

    @RegisterExtension
    static final EventPublisher events = new EventPublisher();

    /** The marker and the GPS position a phone writes into a photo's EXIF block. */
    static final String GPS_MARKER = "GPS 29.5630N 106.5516E";

    @Inject
    EntityManager em;

    private static String file(String citizen) {
        return Petitions.as(citizen).body(Petitions.parkingRequest()).post("/api/v1/petitions")
                .then().statusCode(201).extract().path("id");
    }

    private static Response upload(String citizen, String id, String name, byte[] bytes, String claimedType) {
        return given().auth().oauth2(Tokens.citizen(citizen)).contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(multipart(name, bytes, claimedType)).post("/api/v1/petitions/{id}/attachments", id);
    }

    static final String BOUNDARY = "minhu-test-boundary-7d1f";

    /** One part named file, as browsers send it: the file name's UTF-8 bytes in the part's header. */
    static byte[] multipart(String name, byte[] bytes, String type) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    @Test
    void aPhotoLosesItsExifGpsAndGetsAThumbnailAndItsHashAndSizeMatchWhatIsServed() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        byte[] photo = jpegWithExif(1200, 900);
        assertThat(contains(photo, "Exif")).isTrue();
        assertThat(contains(photo, GPS_MARKER)).isTrue();

        Response created = upload(citizen, id, "../../etc/桥下停车\u0007.jpg", photo, "image/jpeg");
        created.then().statusCode(201).body("contentType", equalTo("image/jpeg"))
                .body("filename", equalTo("桥下停车.jpg"))
                .body("thumbnailUrl", notNullValue());
        String url = created.path("url");
        assertThat(created.header("Location")).endsWith(url);

        Response download = given().auth().oauth2(Tokens.citizen(citizen)).get(url);
        download.then().statusCode(200).contentType("image/jpeg")
                .header("Content-Disposition", containsString("inline"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store");
        byte[] served = download.asByteArray();
        assertThat(served).startsWith(0xff, 0xd8, 0xff);
        assertThat(contains(served, "Exif")).as("no EXIF segment left").isFalse();
        assertThat(contains(served, GPS_MARKER)).as("no GPS text left").isFalse();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(decoded.getWidth()).isEqualTo(1200);
        assertThat(decoded.getHeight()).isEqualTo(900);

        // the metadata describes exactly the bytes served
        Map<String, Object> meta = given().auth().oauth2(Tokens.citizen(citizen)).get("/api/v1/petitions/{id}/attachments", id)
                .then().statusCode(200).body("$", hasSize(1)).extract().path("[0]");
        assertThat(((Number) meta.get("size")).longValue()).isEqualTo(served.length);
        assertThat(meta.get("sha256")).isEqualTo(sha256(served));

        byte[] thumbnail = given().auth().oauth2(Tokens.citizen(citizen)).get(url + "/thumbnail")
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(320);
        assertThat(contains(thumbnail, GPS_MARKER)).isFalse();

        // the request's own view lists it
        Petitions.as(citizen).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("attachments", hasSize(1)).body("attachments[0].url", equalTo(url));
    }

    @Test
    void aPngAndAPdfAreAcceptedThePdfAsADownloadAsItWas() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        upload(citizen, id, "map.png", png(), "image/png").then().statusCode(201).body("contentType", equalTo("image/png"))
                .body("thumbnailUrl", notNullValue());
        byte[] pdf = pdf();
        String pdfUrl = upload(citizen, id, "证明.pdf", pdf, "application/pdf").then().statusCode(201)
                .body("contentType", equalTo("application/pdf")).body("thumbnailUrl", nullValue())
                .body("size", equalTo(pdf.length)).body("sha256", equalTo(sha256(pdf))).extract().path("url");
        Response download = given().auth().oauth2(Tokens.citizen(citizen)).get(pdfUrl);
        download.then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("attachment"))
                .header("Content-Disposition", containsString("filename*=UTF-8''%E8%AF%81%E6%98%8E.pdf"));
        assertThat(download.asByteArray()).isEqualTo(pdf);
        given().auth().oauth2(Tokens.citizen(citizen)).get(pdfUrl + "/thumbnail").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theTypeComesFromTheBytesNotTheNameNorTheContentType() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        // a PDF named .jpg and sent as image/jpeg is stored as the PDF it is
        upload(citizen, id, "photo.jpg", pdf(), "image/jpeg").then().statusCode(201).body("contentType", equalTo("application/pdf"));
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        upload(citizen, id, "photo.jpg", exe, "image/jpeg").then().statusCode(415).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("detail", containsString("executable"))
                .body("detail", containsString("JPEG, PNG or PDF"));
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
        upload(citizen, id, "photo.webp", webp, "image/webp").then().statusCode(415).body("detail", containsString("WebP"));
        // JPEG's magic number and nothing an image decoder can read
        byte[] fake = new byte[64];
        fake[0] = (byte) 0xff;
        fake[1] = (byte) 0xd8;
        fake[2] = (byte) 0xff;
        upload(citizen, id, "photo.jpg", fake, "image/jpeg").then().statusCode(415).body("errors[0].field", equalTo("file"));
        given().auth().oauth2(Tokens.citizen(citizen)).get("/api/v1/petitions/{id}/attachments", id).then().body("$", hasSize(1));
    }

    @Test
    void aFileOverTheLimitIs413AndTheSixthIs409() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] pdf = pdf();
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        upload(citizen, id, "big.pdf", big, "application/pdf").then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"));
        for (int i = 1; i <= 5; i++) {
            upload(citizen, id, "doc" + i + ".pdf", pdf, "application/pdf").then().statusCode(201);
        }
        upload(citizen, id, "doc6.pdf", pdf, "application/pdf").then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("detail", containsString("5 attachments"));
        given().auth().oauth2(Tokens.citizen(citizen)).get("/api/v1/petitions/{id}/attachments", id).then().body("$", hasSize(5));
    }

    @Test
    void anotherCitizenGets404AndTheHandlingUnitReadsWhileTheAuditorSeesOnlyTheList() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        String url = upload(citizen, id, "p.pdf", pdf(), "application/pdf").then().statusCode(201).extract().path("url");
        String stranger = Petitions.newCitizen();
        upload(stranger, id, "x.pdf", pdf(), "application/pdf").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.citizen(stranger)).get("/api/v1/petitions/{id}/attachments", id).then().statusCode(404);
        given().auth().oauth2(Tokens.citizen(stranger)).get(url).then().statusCode(404).contentType("application/problem+json");

        // before the case reaches it the unit may not read; once assigned it may
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get(url).then().statusCode(404);
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "ASSIGNED".equals(Petitions.as(citizen).get("/api/v1/petitions/{id}", id).path("status")));
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).get(url).then().statusCode(200).contentType("application/pdf");
        // staff do not add to the petitioner's files (what they upload is evidence: AdditionAndEvidenceAttachmentsTest)
        byte[] asPetition = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nPETITION\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] file = multipart("u.pdf", pdf(), "application/pdf");
        byte[] body = java.util.Arrays.copyOf(asPetition, asPetition.length + file.length);
        System.arraycopy(file, 0, body, asPetition.length, file.length);
        given().auth().oauth2(Tokens.staff("Z-WSJKQ-health")).contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body).post("/api/v1/petitions/{id}/attachments", id)
                .then().statusCode(403).contentType("application/problem+json");

        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/petitions/{id}/attachments", id).then().statusCode(200)
                .body("$", hasSize(1));
        given().auth().oauth2(Tokens.auditor("auditor-1")).get(url).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.auditor("auditor-1")).get("/api/v1/petitions/{id}", id).then().statusCode(200)
                .body("attachments", hasSize(1));
    }

    @Test
    void noAttachmentOnceAnswered() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.assigned", Map.of());
        events.healthCommissionEvent(UUID.randomUUID(), id, "org.minhu.case.answered", Map.of("reply", "已在桥下划出临时停车位。"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "ANSWERED".equals(Petitions.as(citizen).get("/api/v1/petitions/{id}", id).path("status")));
        upload(citizen, id, "late.pdf", pdf(), "application/pdf").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("ANSWERED"));
    }

    @Test
    void anObjectStoreOutageIs503WithRetryAfterAndLeavesNoRow() throws Exception {
        String citizen = Petitions.newCitizen();
        String id = file(citizen);
        var store = EmbeddedInfra.shared().objectStoreProcess();
        store.stop();
        try {
            upload(citizen, id, "p.pdf", pdf(), "application/pdf").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        } finally {
            store.restart();
        }
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM petition_attachment WHERE petition_id = ?1").setParameter(1, UUID.fromString(id))
                .getSingleResult()).longValue());
        assertThat(rows).isZero();
        upload(citizen, id, "p.pdf", pdf(), "application/pdf").then().statusCode(201);
    }

    // --- fixtures, made here ---

    /** A JPEG with an APP1 Exif segment carrying a GPS marker, as a phone's camera writes one. */
    static byte[] jpegWithExif(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(image), null);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode app1 = new IIOMetadataNode("unknown");
        app1.setAttribute("MarkerTag", "225"); // APP1
        byte[] tiff = ("MM\0*\0\0\0\bGPSLatitude " + GPS_MARKER).getBytes(StandardCharsets.US_ASCII);
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        app1.setUserObject(exif);
        markers.insertBefore(app1, markers.getFirstChild());
        metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(10, 10, 300, 200);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** A minimal one-page PDF. */
    static byte[] pdf() {
        return """
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
                3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
                trailer << /Root 1 0 R >>
                %%EOF
                """.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
