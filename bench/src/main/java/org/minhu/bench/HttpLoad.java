package org.minhu.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Files petitions over HTTP and records each request's latency. Closed loop (each connection
 * sends the next request when the previous one is answered) or open loop at a fixed rate, where
 * latency counts from each request's scheduled start. Callbacks run on one Vert.x event loop.
 */
/** Sends requests and records latencies; all callbacks run on one Vert.x event loop. */
public final class HttpLoad {
    private final HttpClient client;
    private final int clients;
    private final java.util.function.BiConsumer<String, Long> onCreated;
    public final AtomicLong ok = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    public final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private long seq;
    /** One token per bench citizen, signed once: signing is not what the benchmark measures. */
    private final String[] bearers = new String[1000];

    /** {@code onCreated} (may be null) receives each created petition's id and its request's start (nanoTime). */
    public HttpLoad(HttpClient client, int clients, org.minhu.localservers.LocalIdentity identity,
                    java.util.function.BiConsumer<String, Long> onCreated) {
        this.client = client;
        this.clients = clients;
        this.onCreated = onCreated;
        for (int i = 0; i < bearers.length; i++) {
            bearers[i] = "Bearer " + identity.citizen("bench-citizen-" + i);
        }
    }

    public void reset() {
        ok.set(0);
        errors.set(0);
        latency.reset();
    }

    public void run(Vertx vertx, int seconds, int rate) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong inFlight = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        if (rate <= 0) {
            AtomicLong running = new AtomicLong(clients);
            vertx.runOnContext(v -> {
                for (int i = 0; i < clients; i++) {
                    loop(end, running, done);
                }
            });
        } else {
            long periodNs = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long[] sent = {0};
            vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                if (now >= end) {
                    vertx.cancelTimer(id);
                    vertx.setPeriodic(10, w -> {
                        if (inFlight.get() == 0) {
                            vertx.cancelTimer(w);
                            done.countDown();
                        }
                    });
                    return;
                }
                long due = (now - start) / periodNs;
                while (sent[0] < due) {
                    long scheduled = start + sent[0] * periodNs;
                    sent[0]++;
                    inFlight.incrementAndGet();
                    send(scheduled, () -> inFlight.decrementAndGet());
                }
            });
        }
        done.await();
    }

    private void loop(long end, AtomicLong running, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            if (running.decrementAndGet() == 0) {
                done.countDown();
            }
            return;
        }
        send(System.nanoTime(), () -> loop(end, running, done));
    }

    private void send(long startNs, Runnable then) {
        long n = seq++;
        Buffer body = Buffer.buffer(requestBody(n));
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/petitions")
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Authorization", bearers[(int) (n % bearers.length)]))
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(b -> resp.statusCode() == 201 ? b.toString() : null))
                .onComplete(ar -> {
                    latency.recordValue(Math.min(System.nanoTime() - startNs, latency.getHighestTrackableValue()));
                    if (ar.succeeded() && ar.result() != null) {
                        ok.incrementAndGet();
                        if (onCreated != null) {
                            String b = ar.result();
                            int i = b.indexOf("\"id\":\"") + 6;
                            onCreated.accept(b.substring(i, b.indexOf('"', i)), startNs);
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                    then.run();
                });
    }

    private static final String[][] CASES = {
            {"health", "Z-WSJKQ", "Z-WSJKQ-GUANBA", "关坝镇中心卫生院降压药不足"},
            {"traffic-parking", "500108", "500108-NANPING", "南坪片区夜间停车难"},
            {"agriculture", "500107", "500107-XIPENG", "千秋村丝瓜新品种种植失败，需要农技指导"},
            {"enterprise", "500109", "500109-TIANSHENG", "企业家接待日：厂房审批进度咨询"},
            {"water", "500103", "500103-JIEFANGBEI", "解放碑片区停水"},
    };

    private static String requestBody(long n) {
        String[] c = CASES[(int) (n % CASES.length)];
        return "{\"title\":\"" + c[3] + " #" + n + "\",\"description\":\"" + c[3]
                + "。请相关部门尽快处理，谢谢。这是压测请求 " + n + "。\",\"categoryCode\":\"" + c[0]
                + "\",\"regionCode\":\"" + c[1] + "\",\"townCode\":\"" + c[2]
                + "\",\"location\":{\"latitude\":29.5253,\"longitude\":106.5702,\"address\":\"重庆市某街道某号\"},"
                + "\"channel\":\"app\",\"contact\":{\"name\":\"王小明\",\"phone\":\"13812341234\"}}";
    }
}
