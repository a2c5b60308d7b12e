package org.minhu.localservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real S3-compatible object store on this machine: S3Proxy with its filesystem backend (each bucket a
 * folder under {@code dataDir}, each object a file), in a JVM of its own. S3Proxy brings jclouds, Jetty,
 * Guava and logback, which clash with Quarkus on one class path, so it runs with the class path that the
 * {@code local-object-store} module resolved for it, plus this module's classes for {@link #main}.
 *
 * <p>The child ends itself when the JVM that started it is gone (a crashed launcher or test JVM leaves
 * no object store behind). {@link #stop()} and {@link #restart()} take it away and bring it back on the
 * same port with its data, for outage tests. Listens on 127.0.0.1 only; the key pair is local and fixed
 * ({@link #ACCESS_KEY}, {@link #SECRET_KEY}), not a secret.
 */
public final class ObjectStoreProcess implements AutoCloseable {

    /** The bucket the services' attachments go to, created (as a folder) before the server starts. */
    public static final String BUCKET = "minhu-attachments";
    public static final String ACCESS_KEY = "minhu-local";
    public static final String SECRET_KEY = "minhu-local-secret-not-a-secret";
    /** Small: S3Proxy streams objects to and from files. */
    public static final List<String> LOCAL_JVM = List.of("-Xms16m", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:MaxMetaspaceSize=96m", "-Xss512k", "-XX:ReservedCodeCacheSize=32m");
    private static final String CLASSPATH_RESOURCE = "/org/minhu/localservers/s3proxy.classpath";

    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;

    private ObjectStoreProcess(Path dataDir, int port, Path log) {
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the store with its buckets under {@code dataDir} (kept: a restart finds them again) on
     * {@code port} (0: a free one, then fixed for its life), its output in {@code log}, and waits until it answers.
     */
    public static ObjectStoreProcess start(Path dataDir, int port, Path log) {
        ObjectStoreProcess store = new ObjectStoreProcess(dataDir.toAbsolutePath(), FreePorts.orFree(port), log.toAbsolutePath());
        store.launch();
        return store;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ObjectStore settings() {
        return new ObjectStore(url(), BUCKET, ACCESS_KEY, SECRET_KEY);
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends the store (SIGTERM) and waits until its JVM has exited: an outage, as far as the services can tell. */
    public synchronized void stop() {
        if (isAlive()) {
            process.destroy();
            if (!ChildJvm.awaitExit(process, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                ChildJvm.awaitExit(process, Duration.ofSeconds(30));
            }
        }
    }

    /** Starts the store again on the same port and data folder. */
    public synchronized void restart() {
        if (isAlive()) {
            throw new IllegalStateException("the object store is still running (pid " + process.pid() + ")");
        }
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(dataDir.resolve(BUCKET));
            Files.createDirectories(log.getParent());
            Path conf = log.resolveSibling("object-store.properties");
            Properties p = new Properties();
            p.setProperty("s3proxy.endpoint", url());
            p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            p.setProperty("s3proxy.identity", ACCESS_KEY);
            p.setProperty("s3proxy.credential", SECRET_KEY);
            p.setProperty("jclouds.provider", "filesystem-nio2");
            p.setProperty("jclouds.filesystem.basedir", dataDir.toString());
            p.setProperty("jclouds.identity", ACCESS_KEY);
            p.setProperty("jclouds.credential", SECRET_KEY);
            try (var out = Files.newOutputStream(conf)) {
                p.store(out, "S3Proxy for Minhu, written by ObjectStoreProcess");
            }
            Path logback = log.resolveSibling("object-store-logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            List<String> jvm = new ArrayList<>(LOCAL_JVM);
            jvm.add("-Dlogback.configurationFile=" + logback);
            List<String> args = new ArrayList<>();
            java.util.Optional<String> own = ownLocation();
            String classPath;
            String mainClass;
            if (own.isPresent()) {
                classPath = own.get() + java.io.File.pathSeparator + s3proxyClassPath();
                mainClass = ObjectStoreProcess.class.getName();
                args.add(String.valueOf(ProcessHandle.current().pid()));
            } else { // loaded from somewhere that is no file (a framework's class loader): S3Proxy alone
                classPath = s3proxyClassPath();
                mainClass = "org.gaul.s3proxy.Main";
            }
            args.add("--properties");
            args.add(conf.toString());
            process = ChildJvm.start("object store", jvm, classPath, mainClass, args, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the object store", e);
        }
        awaitReady(Duration.ofSeconds(60));
    }

    /** Waits until the store answers HTTP (an anonymous request gets 403: it is up and checks signatures). */
    private void awaitReady(Duration timeout) {
        ChildJvm.awaitReady(process, "object store", url(), log, timeout, Duration.ofMillis(100), () -> {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        });
    }

    private static String s3proxyClassPath() throws IOException {
        try (InputStream in = ObjectStoreProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the local-object-store module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    /** Where this class was loaded from (a folder or this module's jar), for the child's class path. */
    private static java.util.Optional<String> ownLocation() {
        try {
            var source = ObjectStoreProcess.class.getProtectionDomain().getCodeSource();
            if (source == null || !"file".equals(source.getLocation().getProtocol())) {
                return java.util.Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.exists(path) ? java.util.Optional.of(path.toString()) : java.util.Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The child: {@code ObjectStoreProcess PARENT_PID S3PROXY_ARGS...}: runs S3Proxy's own main, and exits
     * when the parent is gone. S3Proxy is on the child's class path only, hence the reflection.
     */
    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[0]);
        ProcessHandle.of(parent).ifPresentOrElse(h -> h.onExit().thenRun(() -> {
            System.out.println("the JVM that started the object store (pid " + parent + ") is gone; stopping");
            System.exit(0);
        }), () -> System.exit(0));
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Class.forName("org.gaul.s3proxy.Main").getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
