package org.minhu.localservers;

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
     * How the launcher (and the benchmarks that measure it) runs each service: Serial GC (two
     * cores); a heap of 64-96 MB that does not shrink below 64 MB (squeezed to the live set with
     * free ratios of 10-30%, the old generation sat full and every promotion cost a full GC:
     * intake p99 121-169 ms and 4.8-5.5 ms CPU per request, against 72 ms and 3.5 ms unsqueezed);
     * the C1 compiler only (four JVMs warming up on two cores spent more CPU in C2 than in requests:
     * 2.7 ms CPU per request and 45-60 MB less peak RSS in a one-minute intake run); bounded
     * metaspace, thread stacks and code cache. Measured with deploy/bench-intake.sh, see bench/README.md.
     */
    public static final List<String> LOCAL_JVM = List.of("-Xms64m", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:MaxMetaspaceSize=128m", "-Xss512k", "-XX:ReservedCodeCacheSize=48m");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    /** What started it, kept so that {@link #restart()} starts exactly the same service again. */
    private final List<String> command;
    private final Map<String, String> environment;

    private ServiceProcess(String name, Process process, int port, Path log, List<String> command,
                           Map<String, String> environment) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = command;
        this.environment = environment;
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
        if (!properties.containsKey("quarkus.management.port")) {
            // the gateway's management interface (its /q/metrics) would take port 9000 in every copy started at
            // once (system tests and benchmarks of several checkouts); a free one unless the caller names one
            cmd.add("-Dquarkus.management.port=" + FreePorts.orFree(0));
        }
        if (database != null) { // null: an application without a database (the gateway)
            infra.ensureDatabase(database);
            cmd.add("-Dquarkus.datasource.jdbc.url=" + infra.jdbcUrl(database));
            cmd.add("-Dquarkus.datasource.username=" + infra.databaseUser());
            cmd.add("-Dkafka.bootstrap.servers=" + infra.kafkaBootstrapServers());
            // where files go (petition-service's attachments); the secret key in the environment below
            infra.objectStore().ifPresent(store -> store.properties().forEach((k, v) -> cmd.add("-D" + k + "=" + v)));
        }
        infra.identity().verificationConfig().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        Map<String, String> env = new java.util.HashMap<>();
        if (database != null) { // in the environment, not on a command line that ps shows
            env.put("QUARKUS_DATASOURCE_PASSWORD", infra.databasePassword());
            infra.objectStore().ifPresent(store -> env.putAll(store.environment()));
            if (System.getenv("MINHU_PRIVACY_PSEUDONYM_KEY") == null) {
                // production profile on a machine of one's own: a pseudonym key that lives as long as the local
                // identity (data/keys for ./minhu up), derived from its private key so it is secret and stable
                env.put("MINHU_PRIVACY_PSEUDONYM_KEY", localPseudonymKey(infra.identity()));
            }
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return launch(name, List.copyOf(cmd), Map.copyOf(env), chosen, logDir.resolve(name + ".log"), false);
    }

    private static String localPseudonymKey(LocalIdentity identity) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    ("minhu-pseudonym-key/" + identity.privateKeyPem()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ServiceProcess launch(String name, List<String> cmd, Map<String, String> env, int port, Path log,
                                         boolean appendLog) {
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(env);
            Process p = builder.start();
            return new ServiceProcess(name, p, port, log, cmd, env);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * Ends the process at once with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux):
     * no shutdown hook, no graceful close of connections or transactions, as a crash or an OOM
     * kill would leave things. Waits until it is gone, so its port is free for {@link #restart()}.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name + " to die", e);
        }
    }

    /**
     * Starts the same service again (same command, port, settings and environment) after it
     * stopped or was killed, as a supervisor would; its output is appended to the same log. This
     * instance stays as it was (dead): use the returned one from now on.
     */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + "): stop or kill it first");
        }
        try {
            Files.writeString(log, System.lineSeparator() + "==== restarted at " + java.time.Instant.now() + " (previous pid "
                    + process.pid() + ")" + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // only a marker for whoever reads the log
        }
        return launch(name, command, environment, port, log, true);
    }

    public boolean isAlive() {
        return process.isAlive();
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
