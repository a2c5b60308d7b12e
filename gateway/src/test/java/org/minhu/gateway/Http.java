package org.minhu.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.restassured.RestAssured;

/**
 * Clients the tests need besides RestAssured: the JDK's (a body of unknown length goes chunked),
 * and a raw socket for exact control: {@code Expect: 100-continue}, and what no client does on
 * purpose (giving up or stalling half-way through a body).
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static int port() {
        return RestAssured.port;
    }

    /** POST with {@code Transfer-Encoding: chunked}: the JDK sends a stream of unknown length so. */
    static HttpResponse<String> postChunked(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    /** POST with a {@code Content-Length}. */
    static HttpResponse<String> post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    /** An HTTP/1.1 answer read off a raw connection. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One HTTP/1.1 connection to the gateway, written to byte by byte as a test wants. */
    static final class Raw implements Closeable {
        private final Socket socket;

        Raw() {
            this(null);
        }

        /** From a local address of one's choice (a 127.x.y.z one, to play a proxy in front of the gateway). */
        Raw(String localAddress) {
            try {
                socket = localAddress == null ? new Socket("127.0.0.1", port())
                        : new Socket(java.net.InetAddress.getByName("127.0.0.1"), port(), java.net.InetAddress.getByName(localAddress), 0);
                socket.setSoTimeout(15_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Raw send(String text) {
            return send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        Raw send(byte[] bytes) {
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends {@code body} as chunks of the given sizes, then the last chunk. */
        Raw sendChunked(byte[] body, int... sizes) {
            int offset = 0;
            for (int size : sizes) {
                send(Integer.toHexString(size) + "\r\n");
                send(java.util.Arrays.copyOfRange(body, offset, offset + size));
                send("\r\n");
                offset += size;
            }
            return send("0\r\n\r\n");
        }

        /** One {@code GET} with these extra header lines ({@code "Name: value"}), and its answer. */
        Answer get(String target, String... headers) {
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port() + "\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            return send(request.append("\r\n").toString()).read();
        }

        Answer read() {
            try {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("connection closed after " + head.size() + " bytes of the answer's head");
                    }
                    head.write(b);
                }
                String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
                int status = Integer.parseInt(lines[0].split(" ")[1]);
                Map<String, String> headers = new TreeMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
