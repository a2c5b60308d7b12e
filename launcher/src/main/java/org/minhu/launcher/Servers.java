package org.minhu.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.minhu.localservers.EmbeddedKafkaBroker;
import org.minhu.localservers.EmbeddedPostgresServer;
import org.minhu.localservers.InfraMain;
import org.minhu.localservers.LocalIdentity;
import org.minhu.localservers.MailServer;
import org.minhu.localservers.ObjectStore;
import org.minhu.localservers.ObjectStoreProcess;
import org.minhu.localservers.ServiceEnvironment;

/**
 * The PostgreSQL and Kafka the launcher runs the suite on: the embedded ones (data in the data
 * folder, fixed ports) unless the environment names servers of one's own.
 * <ul>
 *   <li>{@code MINHU_POSTGRES_URL} ({@code jdbc:postgresql://HOST:PORT}) with {@code MINHU_DB_USER}
 *       and {@code MINHU_DB_PASSWORD}: the databases petition, assignment and feedback are created
 *       there unless they exist (the user needs CREATEDB, or create them beforehand);</li>
 *   <li>{@code MINHU_KAFKA_BOOTSTRAP} ({@code HOST:PORT,...}): the topics are created there unless
 *       they exist, with the broker's default replication;</li>
 *   <li>{@code MINHU_OBJECT_STORE_URL} (an S3 endpoint) with {@code MINHU_OBJECT_STORE_BUCKET}, {@code _ACCESS_KEY} and
 *       {@code _SECRET_KEY}: attachments go there instead of the embedded object store (data in the data folder's
 *       {@code objects}, port 59900);</li>
 *   <li>{@code MINHU_SMTP_HOST} (with {@code MINHU_SMTP_PORT}, default 25, and {@code MINHU_MAIL_FROM}): notification-service's
 *       e-mail goes there instead of the local GreenMail ({@link LocalMail}, SMTP 59925, IMAP 59943).</li>
 * </ul>
 */
final class Servers implements ServiceEnvironment, AutoCloseable {

    static final String POSTGRES_URL = "MINHU_POSTGRES_URL";
    static final String DB_USER = "MINHU_DB_USER";
    static final String DB_PASSWORD = "MINHU_DB_PASSWORD";
    static final String KAFKA_BOOTSTRAP = "MINHU_KAFKA_BOOTSTRAP";
    /** An S3-compatible object store of one's own, with MINHU_OBJECT_STORE_BUCKET, _ACCESS_KEY and _SECRET_KEY. */
    static final String OBJECT_STORE_URL = "MINHU_OBJECT_STORE_URL";
    /** An SMTP server of one's own (no TLS or credentials here: Quarkus Mailer's QUARKUS_MAILER_* variables for those). */
    static final String SMTP_HOST = "MINHU_SMTP_HOST";

    private final EmbeddedPostgresServer embeddedPostgres;
    private final EmbeddedKafkaBroker embeddedKafka;
    private final String postgresUrl;
    private final String user;
    private final String password;
    private final String kafka;
    private final LocalIdentity identity;
    private ObjectStoreProcess embeddedObjects;
    private ObjectStore objects;
    private LocalMail localMail;
    private MailServer mail;

    private Servers(EmbeddedPostgresServer embeddedPostgres, EmbeddedKafkaBroker embeddedKafka, String postgresUrl,
                    String user, String password, String kafka, LocalIdentity identity) {
        this.embeddedPostgres = embeddedPostgres;
        this.embeddedKafka = embeddedKafka;
        this.postgresUrl = postgresUrl;
        this.user = user;
        this.password = password;
        this.kafka = kafka;
        this.identity = identity;
    }

    static Servers start(Path data, Map<String, String> env) {
        Optional<String> externalPostgres = Optional.ofNullable(env.get(POSTGRES_URL)).filter(s -> !s.isBlank())
                .map(s -> s.replaceAll("/+$", ""));
        Optional<String> externalKafka = Optional.ofNullable(env.get(KAFKA_BOOTSTRAP)).filter(s -> !s.isBlank());
        if (externalPostgres.isPresent() && !externalPostgres.get().matches("jdbc:postgresql://[^/]+")) {
            throw new IllegalArgumentException(POSTGRES_URL + " must look like jdbc:postgresql://HOST:PORT (no database): "
                    + externalPostgres.get());
        }
        Optional<String> externalSmtp = Optional.ofNullable(env.get(SMTP_HOST)).filter(v -> !v.isBlank());
        String smtpPortText = env.getOrDefault("MINHU_SMTP_PORT", "25");
        if (!smtpPortText.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("MINHU_SMTP_PORT must be a port number, not " + smtpPortText);
        }
        int smtpPort = Integer.parseInt(smtpPortText);
        EmbeddedPostgresServer pg = externalPostgres.isPresent() ? null
                : EmbeddedPostgresServer.start(data.resolve("postgres"), InfraMain.POSTGRES_PORT, true);
        try {
            EmbeddedKafkaBroker broker = externalKafka.isPresent() ? null
                    : new EmbeddedKafkaBroker(data.resolve("kafka"), InfraMain.KAFKA_PORT, InfraMain.KAFKA_CONTROLLER_PORT, true).start();
            Servers servers = new Servers(pg, broker,
                    externalPostgres.orElse("jdbc:postgresql://127.0.0.1:" + InfraMain.POSTGRES_PORT),
                    externalPostgres.isPresent() ? env.getOrDefault(DB_USER, "postgres") : EmbeddedPostgresServer.USER,
                    externalPostgres.isPresent() ? env.getOrDefault(DB_PASSWORD, "") : "",
                    externalKafka.orElseGet(() -> broker.bootstrapServers()),
                    LocalIdentity.in(data.resolve("keys")));
            Optional<String> externalObjects = Optional.ofNullable(env.get(OBJECT_STORE_URL)).filter(v -> !v.isBlank());
            if (externalObjects.isPresent()) {
                servers.objects = new ObjectStore(externalObjects.get(),
                        env.getOrDefault("MINHU_OBJECT_STORE_BUCKET", ObjectStoreProcess.BUCKET),
                        env.getOrDefault("MINHU_OBJECT_STORE_ACCESS_KEY", ""), env.getOrDefault("MINHU_OBJECT_STORE_SECRET_KEY", ""));
            } else {
                try {
                    servers.embeddedObjects = ObjectStoreProcess.start(data.resolve("objects"), InfraMain.OBJECT_STORE_PORT,
                            data.resolve("logs").resolve("object-store.log"));
                } catch (RuntimeException e) {
                    servers.close();
                    throw e;
                }
                servers.objects = servers.embeddedObjects.settings();
            }
            if (externalSmtp.isPresent()) {
                servers.mail = new MailServer(externalSmtp.get(), smtpPort, env.getOrDefault("MINHU_MAIL_FROM", LocalMail.FROM));
            } else {
                try {
                    servers.localMail = LocalMail.start();
                } catch (RuntimeException e) {
                    servers.close();
                    throw e;
                }
                servers.mail = servers.localMail.settings();
            }
            return servers;
        } catch (RuntimeException e) {
            if (pg != null) {
                pg.close();
            }
            throw e;
        }
    }

    boolean embeddedPostgres() {
        return embeddedPostgres != null;
    }

    boolean embeddedKafka() {
        return embeddedKafka != null;
    }

    String postgresUrl() {
        return postgresUrl;
    }

    /** Creates the topics that do not exist yet; the broker decides their replication. */
    void createTopics(int partitions, List<String> names) {
        EmbeddedKafkaBroker.createTopics(kafka, partitions, names);
    }

    @Override
    public void ensureDatabase(String database) {
        if (embeddedPostgres != null) {
            embeddedPostgres.ensureDatabase(database);
            return;
        }
        try (Connection c = DriverManager.getConnection(postgresUrl + "/postgres", user, password)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach or create database " + database + " at " + postgresUrl
                    + " as " + user + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return postgresUrl + "/" + database;
    }

    @Override
    public String databaseUser() {
        return user;
    }

    @Override
    public String databasePassword() {
        return password;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka;
    }

    @Override
    public LocalIdentity identity() {
        return identity;
    }

    @Override
    public Optional<ObjectStore> objectStore() {
        return Optional.ofNullable(objects);
    }

    Optional<MailServer> mailServer() {
        return Optional.ofNullable(mail);
    }

    /** The summary's e-mail line: where messages go, and how to read them in a local run. */
    String mailDescription() {
        if (localMail == null) {
            return "SMTP " + mail.host() + ":" + mail.port();
        }
        return "local SMTP 127.0.0.1:" + LocalMail.SMTP_PORT + "; read what was sent over IMAP 127.0.0.1:" + LocalMail.IMAP_PORT
                + " (user: the recipient's address, any password)";
    }

    @Override
    public void close() {
        if (localMail != null) {
            localMail.close();
        }
        if (embeddedObjects != null) {
            embeddedObjects.close();
        }
        try {
            if (embeddedKafka != null) {
                embeddedKafka.close();
            }
        } finally {
            if (embeddedPostgres != null) {
                embeddedPostgres.close();
            }
        }
    }
}
