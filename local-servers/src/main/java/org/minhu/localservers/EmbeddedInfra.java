package org.minhu.localservers;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One embedded PostgreSQL and one embedded Kafka broker, started together and stopped
 * together, and an object store ({@link ObjectStoreProcess}) started on first use (only
 * petition-service keeps files: the other modules' tests do without its JVM). Tests share a single instance per JVM ({@link #shared()}); the local launcher
 * starts its own with fixed ports and a data folder that survives restarts.
 */
public final class EmbeddedInfra implements ServiceEnvironment, AutoCloseable {

    private static final String STARTED = "minhu.infra.shared.kafka";

    private static EmbeddedInfra shared;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final Path dataDir;
    private final int objectStorePort;
    private LocalIdentity identity;
    private ObjectStoreProcess objectStore;

    private EmbeddedInfra(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka, LocalIdentity identity, Path dataDir,
                          int objectStorePort) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.identity = identity;
        this.dataDir = dataDir;
        this.objectStorePort = objectStorePort;
    }

    /**
     * Starts both servers with their data under {@code dataDir}. Ports of 0 mean free ports.
     * With {@code keepData} the data survives {@link #close()}.
     */
    public static EmbeddedInfra start(Path dataDir, int postgresPort, int kafkaPort, int controllerPort,
                                      boolean keepData) {
        return start(dataDir, postgresPort, kafkaPort, controllerPort, 0, keepData);
    }

    /**
     * As {@link #start(Path, int, int, int, boolean)}, with the object store's port (0: a free one) when it
     * starts; its buckets go under {@code dataDir/objects}.
     */
    public static EmbeddedInfra start(Path dataDir, int postgresPort, int kafkaPort, int controllerPort, int objectStorePort,
                                      boolean keepData) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), postgresPort, keepData);
        try {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort,
                    keepData).start();
            return new EmbeddedInfra(pg, broker, LocalIdentity.in(dataDir.resolve("keys")), dataDir, objectStorePort);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /**
     * The instance every test of this JVM shares: started on first use on free ports, with its
     * data under {@code target/embedded-infra}, stopped and deleted when the JVM exits.
     */
    public static synchronized EmbeddedInfra shared() {
        if (shared == null) {
            if (System.getProperty(STARTED) != null) {
                throw new IllegalStateException("The shared embedded infrastructure was started by another class loader; "
                        + "reach it through the application's configuration instead");
            }
            Path dir = Path.of(System.getProperty("minhu.infra.dir", "target/embedded-infra"))
                    .toAbsolutePath().resolve(String.valueOf(ProcessHandle.current().pid()));
            EmbeddedInfra infra = start(dir, 0, 0, 0, false);
            infra.identity = LocalIdentity.shared();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                infra.close();
                Directories.deleteRecursively(dir);
            }, "embedded-infra-stop"));
            shared = infra;
            System.setProperty(STARTED, infra.kafka().bootstrapServers());
        }
        return shared;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /** The object store, started on the first call (its data under the data folder's {@code objects}). */
    public synchronized ObjectStoreProcess objectStoreProcess() {
        if (objectStore == null) {
            objectStore = ObjectStoreProcess.start(dataDir.resolve("objects"), objectStorePort,
                    dataDir.resolve("logs").resolve("object-store.log"));
        }
        return objectStore;
    }

    @Override
    public Optional<ObjectStore> objectStore() {
        return Optional.of(objectStoreProcess().settings());
    }

    @Override
    public void ensureDatabase(String database) {
        postgres.ensureDatabase(database);
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String databaseUser() {
        return EmbeddedPostgresServer.USER;
    }

    @Override
    public String databasePassword() {
        return "";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The local identity provider whose tokens the services started on this infrastructure accept. */
    @Override
    public LocalIdentity identity() {
        return identity;
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (objectStore != null) {
                    objectStore.close();
                }
            }
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
