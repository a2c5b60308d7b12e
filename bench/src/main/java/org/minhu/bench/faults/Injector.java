package org.minhu.bench.faults;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.minhu.bench.GatewayClient;
import org.minhu.bench.Suite;
import org.minhu.localservers.KafkaBrokerProcess;
import org.minhu.localservers.KafkaCluster;
import org.minhu.localservers.ServiceProcess;

/** Injects each fault while the load runs, and notes on the phase what it did and what it saw. */
final class Injector {

    /**
     * How big and how long the faults are (smaller with {@code --short}); {@code clusterDown}: how
     * long fault 7 keeps its node away, longer than Kafka's broker session timeout (9 s) so that
     * the controller fences it and the partitions it led get new leaders.
     */
    record Sizes(Duration down, int terminateRounds, Duration terminateEvery, double burst, int storm, int oversized,
                 long oversizedBytes, Duration clusterDown) {
    }

    private final Suite suite;
    private final FaultServers servers;
    private final Supervisor supervisor;
    private final Workload workload;
    private final GatewayClient client;
    private final Consumer<String> restarted;
    private final Sizes sizes;
    private final double rate;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    Injector(Suite suite, FaultServers servers, Supervisor supervisor, Workload workload, GatewayClient client,
             Consumer<String> restarted, Sizes sizes, double rate) {
        this.suite = suite;
        this.servers = servers;
        this.supervisor = supervisor;
        this.workload = workload;
        this.client = client;
        this.restarted = restarted;
        this.sizes = sizes;
        this.rate = rate;
    }

    void inject(Phase ph) throws Exception {
        Fault f = ph.fault;
        if (f.kind() != Fault.Kind.NONE) {
            ph.injected();
        }
        switch (f.kind()) {
            case NONE -> { }
            case KILL_SERVICE -> killService(ph, f.target());
            case BROKER_STOP, BROKER_KILL -> broker(ph, f.kind() == Fault.Kind.BROKER_KILL);
            case POSTGRES_KILL -> postgres(ph);
            case TERMINATE_BACKENDS -> terminateBackends(ph, f.target());
            case EXPORT_STORM -> exportStorm(ph);
            case OVERSIZED_BODIES -> oversized(ph);
            case CLUSTER_NODE_KILL -> clusterNode(ph);
        }
    }

    /** {@code kill -9}, a few seconds down, then the same command again on the same port, as a supervisor restarts it. */
    private void killService(Phase ph, String name) throws InterruptedException {
        supervisor.hold(name);
        try {
            ServiceProcess victim = suite.service(name);
            ph.windowOpens();
            victim.kill();
            ph.crashed(name);
            System.out.printf(Locale.ROOT, "    killed %s (pid %d, SIGKILL); restarting in %d s%n", name, victim.pid(), sizes.down().toSeconds());
            Thread.sleep(sizes.down().toMillis());
            long t0 = System.nanoTime();
            ServiceProcess again = restartService(name);
            ph.windowCloses();
            restarted.accept(name);
            ph.note(String.format(Locale.ROOT, "%s pid %d killed; restarted as pid %d, ready %.1f s after its start", name, victim.pid(),
                    again.pid(), (System.nanoTime() - t0) / 1e9));
        } finally {
            supervisor.release(name);
        }
    }

    /** A service that exits while starting (say its database is not back yet) is started again, a few times. */
    private ServiceProcess restartService(String name) throws InterruptedException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return suite.restart(name, Duration.ofSeconds(180));
            } catch (IllegalStateException e) {
                last = e;
                ServiceProcess p = suite.service(name);
                if (p.isAlive()) {
                    p.kill(); // not ready in time: start it afresh
                }
                Thread.sleep(2000);
            }
        }
        throw last;
    }

    private void broker(Phase ph, boolean abruptly) throws InterruptedException {
        supervisor.hold(Supervisor.KAFKA);
        try {
            long pid = servers.kafka.pid();
            ph.windowOpens();
            long t0 = System.nanoTime();
            if (abruptly) {
                servers.kafka.kill();
            } else {
                servers.kafka.stop();
            }
            double stopping = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "    Kafka broker (pid %d) %s in %.1f s; restarting in %d s%n", pid,
                    abruptly ? "killed (SIGKILL)" : "stopped (SIGTERM, controlled shutdown)", stopping, sizes.down().toSeconds());
            Thread.sleep(sizes.down().toMillis());
            long t1 = System.nanoTime();
            servers.kafka.restart();
            ph.windowCloses();
            restarted.accept(Supervisor.KAFKA);
            ph.note(String.format(Locale.ROOT, "broker %s in %.1f s; back (answering) %.1f s after its restart", abruptly ? "killed" : "stopped",
                    stopping, (System.nanoTime() - t1) / 1e9));
        } finally {
            supervisor.release(Supervisor.KAFKA);
        }
    }

    /**
     * SIGKILL of the node that is the active controller now (the hardest one to lose: the quorum
     * elects a new controller, which then fences the node and moves the leadership of the third of
     * the partitions it led), {@code clusterDown} away, then restarted on its log directory; the
     * note says when every partition had its three replicas in sync again.
     */
    private void clusterNode(Phase ph) throws InterruptedException {
        KafkaCluster cluster = servers.cluster;
        int id = cluster.activeController();
        String name = Supervisor.KAFKA + "-" + id;
        supervisor.hold(name);
        try {
            KafkaBrokerProcess node = cluster.node(id);
            long pid = node.pid();
            int led = cluster.leaderships(id);
            ph.windowOpens();
            cluster.kill(id);
            long t0 = System.nanoTime();
            System.out.printf(Locale.ROOT, "    Kafka node %d of 3 (pid %d, the active controller, leader of %d partitions) killed (SIGKILL); "
                    + "restarting in %d s%n", id, pid, led, sizes.clusterDown().toSeconds());
            Thread.sleep(sizes.clusterDown().toMillis());
            String during;
            try {
                during = "controller meanwhile node " + cluster.activeController();
            } catch (RuntimeException e) {
                during = "no controller answered meanwhile: " + e.getMessage();
            }
            long t1 = System.nanoTime();
            cluster.restart(id);
            ph.windowCloses();
            restarted.accept(name);
            double back = (System.nanoTime() - t1) / 1e9;
            String inSync;
            try {
                inSync = String.format(Locale.ROOT, "every partition 3 replicas in sync again %.1f s later",
                        cluster.awaitFullyReplicated(Duration.ofSeconds(120)).toNanos() / 1e9);
            } catch (RuntimeException e) {
                inSync = "replicas NOT all in sync again: " + e.getMessage();
            }
            String line = String.format(Locale.ROOT, "Kafka node %d of 3 (active controller, leader of %d partitions) killed, %s; "
                    + "restarted after %.1f s away, answering %.1f s after its restart; %s", id, led, during, (t1 - t0) / 1e9, back, inSync);
            System.out.println("    " + line);
            ph.note(line);
        } finally {
            supervisor.release(name);
        }
    }

    private void postgres(Phase ph) throws InterruptedException {
        supervisor.hold(Supervisor.POSTGRES);
        try {
            long pid = servers.postgres.postmasterPid().orElse(-1L);
            ph.windowOpens();
            servers.postgres.kill();
            System.out.printf(Locale.ROOT, "    PostgreSQL postmaster (pid %d) killed (SIGKILL); restarting in %d s on %s%n", pid,
                    sizes.down().toSeconds(), servers.postgres.dataDirectory());
            Thread.sleep(sizes.down().toMillis());
            long t0 = System.nanoTime();
            servers.postgres.restart();
            ph.windowCloses();
            restarted.accept(Supervisor.POSTGRES);
            ph.note(String.format(Locale.ROOT, "postmaster %d killed; restarted on the same data directory (crash recovery), accepting "
                    + "connections %.1f s after its start", pid, (System.nanoTime() - t0) / 1e9));
        } finally {
            supervisor.release(Supervisor.POSTGRES);
        }
    }

    /** A burst (the rate times {@code burst}) during which every backend of {@code database} is terminated, several times. */
    private void terminateBackends(Phase ph, String database) throws InterruptedException, SQLException {
        workload.rate(rate * sizes.burst());
        int total = 0;
        List<Integer> each = new ArrayList<>();
        try {
            Thread.sleep(1000);
            // the database is under attack from the first termination to the last: that whole stretch is
            // the kill window (requests in it may fail with 503); failures after it count as the fault outliving it
            long first = -1;
            long last = -1;
            for (int i = 0; i < sizes.terminateRounds(); i++) {
                long t0 = System.nanoTime();
                first = first < 0 ? t0 : first;
                int n = terminate(database);
                last = System.nanoTime();
                each.add(n);
                total += n;
                Thread.sleep(sizes.terminateEvery().toMillis());
            }
            ph.instant(first, last);
        } finally {
            workload.rate(rate);
        }
        System.out.printf(Locale.ROOT, "    terminated %d backends of database %s in %d rounds %s%n", total, database, each.size(), each);
        ph.note(String.format(Locale.ROOT, "pg_terminate_backend on every backend of %s, %d times %s s apart during a burst at %.0f/s: %s backends",
                database, each.size(), sizes.terminateEvery().toMillis() / 1000.0, rate * sizes.burst(), each));
    }

    private int terminate(String database) throws SQLException {
        // from the postgres database, so the driver's own connection is never one of those terminated
        try (Connection c = servers.connect("postgres");
             PreparedStatement q = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE datname = ? AND pid <> pg_backend_pid() AND application_name <> 'minhu-faults'")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** One export's answer; {@code rateLimited}: a 429 of the gateway's rate limit, not of feedback-service's export cap. */
    private record Export(int status, double seconds, long bytes, String error, boolean rateLimited) {
        Export(int status, double seconds, long bytes, String error) {
            this(status, seconds, bytes, error, false);
        }

        String kind() {
            return status != 429 ? String.valueOf(status) : rateLimited ? "429 gateway rate limit" : "429 export cap";
        }
    }

    /**
     * {@code storm} concurrent exports ({@code GET /api/v1/stats/records}, ndjson and csv) through the
     * gateway while the lives rate their answers; any the gateway refuses with 429 is sent again
     * directly to feedback-service, and the note says so.
     */
    private void exportStorm(Phase ph) throws InterruptedException {
        // during ratings: wait (a bounded while) until the lives are rating answers
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ph.attemptsDuring("POST /petitions/{id}/feedback", ph.startedAt, System.nanoTime()) < 5 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        ServiceProcess feedback = suite.service(Suite.FEEDBACK);
        long rssBefore = feedback.peakRssKb();
        long t0 = System.nanoTime();
        List<Export> viaGateway = storm(client.baseUrl(), sizes.storm());
        List<Export> direct = new ArrayList<>();
        long refused = viaGateway.stream().filter(Export::rateLimited).count();
        if (refused > 0) {
            direct = storm(feedback.baseUrl(), (int) refused);
        }
        long t1 = System.nanoTime();
        long ratings = ph.attemptsDuring("POST /petitions/{id}/feedback", t0, t1);
        double[] feedbackCalls = ph.durationsDuring("GET /petitions/{id}/feedback", t0, t1);
        String calls = feedbackCalls.length == 0 ? "no GET /petitions/{id}/feedback during the storm"
                : String.format(Locale.ROOT, "%d GET /petitions/{id}/feedback during the storm, p50 %.2f s, max %.2f s", feedbackCalls.length,
                feedbackCalls[feedbackCalls.length / 2], feedbackCalls[feedbackCalls.length - 1]);
        ServiceProcess now = suite.service(Suite.FEEDBACK);
        String how = refused == 0 ? "through the gateway (its rate limits are lifted for the driver)"
                : "through the gateway, the " + refused + " its rate limit refused (429) again directly to feedback-service";
        System.out.printf(Locale.ROOT, "    export storm %s: %s%n", how, summary(viaGateway));
        ph.note(String.format(Locale.ROOT, "export storm of %d %s: %s%s; %d rating attempts and %s; feedback-service peak RSS %d -> %d MB%s",
                sizes.storm(), how, summary(viaGateway), direct.isEmpty() ? "" : "; direct: " + summary(direct), ratings, calls,
                rssBefore / 1024, now.peakRssKb() / 1024, now == feedback ? "" : " (restarted meanwhile)"));
    }

    private List<Export> storm(String base, int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "export-storm");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Export>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String format = i % 2 == 0 ? "ndjson" : "csv";
                futures.add(pool.submit(() -> export(base + "/api/v1/stats/records?format=" + format)));
            }
            List<Export> out = new ArrayList<>();
            for (Future<Export> f : futures) {
                try {
                    out.add(f.get(300, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    f.cancel(true);
                    out.add(new Export(-1, 300, 0, e.toString()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Export export(String url) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try (InputStream in = r.body()) {
                byte[] buf = new byte[65536];
                for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
                    bytes += k;
                    if (head.size() < 4096) {
                        head.write(buf, 0, Math.min(k, 4096));
                    }
                }
            } catch (IOException e) {
                return new Export(r.statusCode(), (System.nanoTime() - t0) / 1e9, bytes, "body cut: " + e.getMessage());
            }
            // both 429s are urn:minhu:problem:too-many-requests; the gateway's says "Rate limit reached"
            boolean rateLimited = r.statusCode() == 429 && head.toString(StandardCharsets.UTF_8).contains("Rate limit reached");
            return new Export(r.statusCode(), (System.nanoTime() - t0) / 1e9, bytes, null, rateLimited);
        } catch (IOException e) {
            return new Export(-1, (System.nanoTime() - t0) / 1e9, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Export(-1, (System.nanoTime() - t0) / 1e9, 0, "interrupted");
        }
    }

    private static String summary(List<Export> exports) {
        Map<String, Integer> statuses = new TreeMap<>();
        exports.forEach(e -> statuses.merge(e.kind(), 1, Integer::sum));
        boolean some200 = exports.stream().anyMatch(e -> e.status() == 200);
        double[] seconds = exports.stream().filter(e -> !some200 || e.status() == 200).mapToDouble(Export::seconds).sorted().toArray();
        long[] bytes = exports.stream().filter(e -> e.status() == 200).mapToLong(Export::bytes).sorted().toArray();
        long cut = exports.stream().filter(e -> e.error() != null && e.status() > 0).count();
        return String.format(Locale.ROOT, "status %s, %s p50 %.1f s, max %.1f s, %s%s", statuses, some200 ? "200s" : "all", seconds[seconds.length / 2],
                seconds[seconds.length - 1], bytes.length == 0 ? "no body" : "median body " + bytes[bytes.length / 2] / 1024 + " KB",
                cut == 0 ? "" : ", " + cut + " bodies cut short");
    }

    private record Oversized(int status, long sentBeforeAnswer, double seconds, String how) {
    }

    /**
     * {@code oversized} POSTs of a {@code oversizedBytes} JSON body with {@code Transfer-Encoding:
     * chunked} and no Content-Length, two at a time, through the gateway, on raw sockets: so the
     * report can say what was answered and after how much of the body, even when the server
     * answers early and closes.
     */
    private void oversized(Phase ph) throws InterruptedException {
        ServiceProcess gateway = suite.gateway();
        ServiceProcess petitions = suite.service(Suite.PETITION);
        long gwBefore = gateway.peakRssKb();
        long psBefore = petitions.peakRssKb();
        String token = client.citizen("faults-oversized");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Oversized>> futures = new ArrayList<>();
        for (int i = 0; i < sizes.oversized(); i++) {
            String marker = "[X6-big-" + i + "]";
            futures.add(pool.submit(() -> postOversized(gateway.port(), token, sizes.oversizedBytes(), marker)));
        }
        List<Oversized> results = new ArrayList<>();
        for (Future<Oversized> f : futures) {
            try {
                results.add(f.get(300, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                results.add(new Oversized(-1, -1, 300, e.toString()));
            }
        }
        pool.shutdownNow();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> hows = new TreeMap<>();
        results.forEach(r -> {
            statuses.merge(r.status(), 1, Integer::sum);
            hows.merge(r.how(), 1, Integer::sum);
        });
        long[] sent = results.stream().mapToLong(Oversized::sentBeforeAnswer).sorted().toArray();
        double[] seconds = results.stream().mapToDouble(Oversized::seconds).sorted().toArray();
        long accepted = results.stream().filter(r -> r.status() == 201).count();
        String line = String.format(Locale.ROOT, "%d x %d MB chunked POST /api/v1/petitions via the gateway: status %s (-1: no answer); "
                        + "median %d KB written to the socket (kernel buffers included) when the answer (or the close) came, answer p50 %.1f s, "
                        + "max %.1f s; %s; peak RSS gateway %d -> %d MB, "
                        + "petition-service %d -> %d MB%s",
                results.size(), sizes.oversizedBytes() >> 20, statuses, sent[sent.length / 2] / 1024, seconds[seconds.length / 2],
                seconds[seconds.length - 1], hows, gwBefore / 1024, suite.gateway().peakRssKb() / 1024, psBefore / 1024,
                suite.service(Suite.PETITION).peakRssKb() / 1024, accepted == 0 ? "" : "; " + accepted + " ACCEPTED (201)");
        System.out.println("    " + line);
        ph.note(line);
    }

    /**
     * One oversized POST on a raw socket: a writer thread sends the chunks while this thread waits
     * for the status line (30 s; the gateway's own upstream timeout is 10 s). The writer stops at
     * the answer; closing the socket ends a writer stuck on a server that stopped reading.
     */
    private static Oversized postOversized(int port, String token, long size, String marker) throws InterruptedException {
        long t0 = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> writing = new java.util.concurrent.atomic.AtomicReference<>("still sending");
        Thread writer = null;
        int status = -1;
        long sentAtAnswer = -1;
        String how;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            writer = new Thread(() -> {
                try {
                    out.write(("POST /api/v1/petitions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + token
                            + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID()
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    chunk(out, ("{\"title\":\"" + marker + " oversized\",\"description\":\"").getBytes(StandardCharsets.UTF_8), sent);
                    byte[] filler = new byte[1 << 16];
                    Arrays.fill(filler, (byte) 'a');
                    while (sent.get() < size && !answered.get()) {
                        chunk(out, filler, sent);
                    }
                    if (!answered.get()) {
                        chunk(out, "\"}".getBytes(StandardCharsets.UTF_8), sent);
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        writing.set("whole body sent");
                    } else {
                        writing.set("stopped sending at the answer");
                    }
                } catch (IOException e) {
                    writing.set("connection closed while sending");
                }
            }, "oversized-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                String[] parts = readLine(socket.getInputStream()).split(" ");
                if (parts.length >= 2 && parts[0].startsWith("HTTP/")) {
                    sentAtAnswer = sent.get();
                    answered.set(true);
                    status = Integer.parseInt(parts[1]);
                }
                how = status > 0 ? "answered" : "closed without an answer";
            } catch (java.net.SocketTimeoutException e) {
                how = "no answer within 30 s";
            } catch (IOException | NumberFormatException e) {
                how = "closed without an answer";
            }
        } catch (IOException e) {
            return new Oversized(-1, 0, (System.nanoTime() - t0) / 1e9, "could not connect: " + e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (writer != null) {
            writer.join(5000);
        }
        return new Oversized(status, sentAtAnswer >= 0 ? sentAtAnswer : sent.get(), seconds,
                how + (status > 0 ? "" : " (" + writing.get() + ")"));
    }

    private static void chunk(OutputStream out, byte[] data, AtomicLong sent) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sent.addAndGet(data.length);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
