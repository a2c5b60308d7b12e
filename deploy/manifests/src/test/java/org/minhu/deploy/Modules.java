package org.minhu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The services' modules, whose sources some checks read: their {@code application.properties} (Kafka channels,
 * datasources, worker pools, settings) and their code (the topics their outbox writes, the meters they register).
 *
 * <p>A module written on a branch of its own while its deploy files are written on another ({@link #PENDING}:
 * notification-service) may be missing from this checkout. Until it is merged, the checks read what the deploy
 * files assume of it, {@code src/test/resources/assumed/SERVICE.properties}; once it is merged they read the
 * module itself, and {@code ModulesTest} requires every assumption to hold there.
 */
final class Modules {

    /** Services whose module may be missing from this checkout (written on another branch, merged later). */
    static final Set<String> PENDING = Set.of("notification-service");

    private Modules() {
    }

    static Path dir(String module) {
        return KubernetesManifestsTest.ROOT.resolve(module);
    }

    /** Whether the module is in this checkout. */
    static boolean present(String module) {
        return Files.isRegularFile(dir(module).resolve("pom.xml"));
    }

    /** A module that must be here: every one but a {@link #PENDING} one. */
    static boolean expectedPresent(String module) {
        if (present(module)) {
            return true;
        }
        assertThat(PENDING).as(module + " has no module in this checkout, and is not one written on its own branch").contains(module);
        return false;
    }

    /**
     * The module's application.properties; for a {@link #PENDING} module not yet merged, what the deploy files
     * assume of it; empty for a name that is no module (postgres, kafka, mailpit, ...).
     */
    static Optional<Properties> applicationProperties(String module) throws IOException {
        Path file = dir(module).resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            if (!PENDING.contains(module) || present(module)) {
                return Optional.empty();
            }
            file = assumed(module);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return Optional.of(p);
    }

    /** The application.properties of a service module, which it must have (or, pending, be assumed). */
    static Properties requiredApplicationProperties(String module) throws IOException {
        return applicationProperties(module).orElseThrow(() -> new AssertionError(module + " has no application.properties"));
    }

    /** What the deploy files assume of a {@link #PENDING} module's application.properties. */
    static Path assumed(String module) {
        java.net.URL url = Modules.class.getResource("/assumed/" + module + ".properties");
        assertThat(url).as("assumed/" + module + ".properties on the test class path").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The module's main Java sources; none for a {@link #PENDING} module not yet merged. */
    static List<Path> mainSources(String module) throws IOException {
        if (!expectedPresent(module)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir(module).resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
