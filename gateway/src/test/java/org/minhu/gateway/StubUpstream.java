package org.minhu.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for one service behind the gateway: a real HTTP server on a loopback port that
 * records what reaches it and answers as told. Its port stays the same across {@link #stop()} and
 * {@link #start()}, since the gateway's configuration points at it.
 */
public final class StubUpstream {

    /** How the stub answers API calls. Its {@code /q/health/ready} is UP whenever it runs, unless told otherwise ({@link #ready(boolean)}). */
    public enum Mode {
        OK, CLIENT_ERROR, SERVER_ERROR, HANG,
        /** 503 with {@code Retry-After: 1}, as a service answers while its database is unreachable. */
        UNAVAILABLE,
        /** 201 with a {@code Location} and a {@code Link} of its own address, and {@code Cache-Control: max-age=60}, as a service behind the gateway builds them. */
        CREATED,
        /** Reads the request, then closes the connection without a byte of answer: a service that crashed mid-request. */
        BROKEN
    }

    /** A request that arrived whole. */
    public record Received(String method, String uri, MultiMap headers, Buffer body) {
    }

    /**
     * Like a service's own body limit, which drops a connection that keeps sending: what made oversized
     * uploads through the gateway look like the service failing. Above petition-service's (11 MB, for its
     * attachment uploads), so that what the gateway lets through on the upload path reaches the stub.
     */
    static final int OWN_BODY_LIMIT = 12 * 1024 * 1024;

    private final String name;
    private final Vertx vertx;
    private int port;
    private volatile HttpServer server;
    private volatile Mode mode = Mode.OK;
    private volatile boolean ready = true;
    private final AtomicInteger begun = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubUpstream(String name, Vertx vertx) {
        this.name = name;
        this.vertx = vertx;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Whether its readiness answers 200 UP or 503 DOWN (a service whose database is gone). */
    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** API requests whose headers arrived, whole or not (health probes are not counted). */
    public int begun() {
        return begun.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = await(vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1"));
        port = server.actualPort();
    }

    /** Closes the listening socket and every connection: a service that is down. */
    public synchronized void stop() {
        if (server != null) {
            await(server.close());
            server = null;
        }
    }

    /** Running, answering 200, nothing recorded. */
    public void reset() {
        start();
        mode = Mode.OK;
        ready = true;
        begun.set(0);
        received.clear();
    }

    private void handle(HttpServerRequest req) {
        if (req.path().startsWith("/q/health")) {
            req.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
            return;
        }
        begun.incrementAndGet();
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            body.appendBuffer(chunk);
            if (body.length() > OWN_BODY_LIMIT) {
                req.connection().close();
            }
        });
        req.endHandler(v -> {
            received.add(new Received(req.method().name(), req.uri(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body));
            switch (mode) {
                case OK -> req.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("upstream", name).put("bytes", body.length()).encode());
                case CLIENT_ERROR -> problem(req, 404, "not-found");
                case SERVER_ERROR -> problem(req, 500, "internal");
                case UNAVAILABLE -> {
                    req.response().putHeader("Retry-After", "1");
                    problem(req, 503, "unavailable");
                }
                case CREATED -> req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .putHeader("Location", url() + req.path() + "/p-new")
                        .putHeader("Link", "<" + url() + req.path() + "?cursor=abc>; rel=\"next\"")
                        .putHeader("Cache-Control", "max-age=60")
                        .end(new JsonObject().put("upstream", name).encode());
                case HANG -> {
                    // never answers
                }
                case BROKEN -> req.connection().close();
            }
        });
    }

    private static void problem(HttpServerRequest req, int status, String type) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "urn:minhu:problem:" + type).put("status", status).encode());
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
