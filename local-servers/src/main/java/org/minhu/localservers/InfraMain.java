package org.minhu.localservers;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded PostgreSQL, Kafka and object store on fixed ports for local development, with the data
 * kept in a folder across restarts, until Ctrl-C. Creates one database per service.
 *
 * <pre>java ... org.minhu.localservers.InfraMain [--data DIR] [--fresh]</pre>
 */
public final class InfraMain {

    public static final int POSTGRES_PORT = 55432;
    public static final int KAFKA_PORT = 59092;
    public static final int KAFKA_CONTROLLER_PORT = 59093;
    /** The object store (S3 API) of {@code deploy/infra.sh} and {@code ./minhu up}. */
    public static final int OBJECT_STORE_PORT = 59900;
    public static final List<String> DATABASES = List.of("petition", "assignment", "feedback", "notification");

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of("data");
        boolean fresh = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--fresh" -> fresh = true;
                default -> throw new IllegalArgumentException("usage: InfraMain [--data DIR] [--fresh]");
            }
        }
        Path dir = data.toAbsolutePath();
        if (fresh) {
            Directories.deleteRecursively(dir);
        }
        EmbeddedInfra infra = EmbeddedInfra.start(dir, POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, OBJECT_STORE_PORT, true);
        DATABASES.forEach(infra.postgres()::ensureDatabase);
        ObjectStore objects = infra.objectStoreProcess().settings();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.close();
            stopped.countDown();
        }, "infra-stop"));
        System.out.println();
        System.out.println("PostgreSQL  jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/{" + String.join(",", DATABASES)
                + "}  user postgres, no password");
        System.out.println("Kafka       127.0.0.1:" + KAFKA_PORT);
        System.out.println("Objects     " + objects.url() + "  bucket " + objects.bucket() + ", key " + objects.accessKey()
                + " / " + objects.secretKey() + " (S3 API)");
        System.out.println("Data        " + dir + " (kept across restarts; --fresh starts empty)");
        System.out.println("Ctrl-C stops both (and the object store).");
        stopped.await();
    }
}
