package org.minhu.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running in its own JVM,
 * pointed at a {@link ServiceEnvironment} (usually the embedded servers): for end-to-end tests,
 * benchmarks and the local launcher.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * How the launcher (and the year's replay, which measures it) runs each service: a heap sized
     * to the live set (30-40 MB after a full GC under load) with room for bursts, given back when
     * idle; Serial GC (two cores); bounded metaspace, thread stacks and code cache.
     */
    public static final List<String> LOCAL_JVM = List.of("-Xms32m", "-Xmx96m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:MaxMetaspaceSize=128m", "-Xss512k",
            "-XX:ReservedCodeCacheSize=48m");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code jar} on {@code port} (0: a free one) with the service's own database on the
     * infrastructure's PostgreSQL and its Kafka; {@code properties} and {@code jvmArgs} come on top.
     */
    public static ServiceProcess start(String name, Path jar, int port, ServiceEnvironment infra, String database,
                                       Map<String, String> properties, List<String> jvmArgs, Path logDir) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the service first (./mvnw package -DskipTests)");
        }
        int chosen = FreePorts.orFree(port);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Dquarkus.http.port=" + chosen);
        if (database != null) { // null: an application without a database (the gateway)
            infra.ensureDatabase(database);
            cmd.add("-Dquarkus.datasource.jdbc.url=" + infra.jdbcUrl(database));
            cmd.add("-Dquarkus.datasource.username=" + infra.databaseUser());
            cmd.add("-Dkafka.bootstrap.servers=" + infra.kafkaBootstrapServers());
        }
        infra.identity().verificationConfig().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            if (database != null) { // in the environment, not on a command line that ps shows
                builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", infra.databasePassword());
            }
            Process p = builder.start();
            return new ServiceProcess(name, p, chosen, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Peak resident memory (VmHWM) in kB, or -1 where /proc is not available. */
    public long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux, or the process is gone
        }
        return -1;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
