package org.minhu.system;

import java.nio.file.Path;
import java.util.List;

import org.minhu.localservers.Directories;
import org.minhu.localservers.EmbeddedInfra;
import org.minhu.localservers.ServiceProcess;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;

/** What the test classes that start the packaged services share: where the services are, a work directory, bounded calls, the stop. */
final class PackagedServices {

    /** Each service's JVM: a small heap, the serial collector and a quick start, for a machine that runs them all. */
    static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private PackagedServices() {
    }

    /** The repository root below which each service's {@code target/quarkus-app} is ({@code -Dminhu.services.dir}, by default {@code ..}). */
    static Path root() {
        return Path.of(System.getProperty("minhu.services.dir", ".."));
    }

    /** {@code target/<name>} as an absolute path, emptied of what a killed run left. */
    static Path freshWork(String name) {
        Path work = Path.of("target", name).toAbsolutePath();
        Directories.deleteRecursively(work);
        return work;
    }

    /** No call may hang a test run (the gateway promises answers within its timeouts): 5 s to connect, 30 s to answer. */
    static void boundCalls() {
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5000).setParam("http.socket.timeout", 30000));
    }

    /** Closes {@code services} in the order given, then {@code infra}; what was never started (null) is passed over. */
    static void stop(EmbeddedInfra infra, ServiceProcess... services) {
        for (ServiceProcess s : services) {
            if (s != null) {
                s.close();
            }
        }
        if (infra != null) {
            infra.close();
        }
    }
}
