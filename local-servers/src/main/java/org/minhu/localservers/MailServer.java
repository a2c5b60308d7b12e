package org.minhu.localservers;

import java.util.Map;

/**
 * Where notification-service sends e-mail: an SMTP server without authentication or TLS, as the local
 * one is (GreenMail, started by the launcher and by the system tests), and the sender address. A
 * production server with credentials and TLS is configured with Quarkus Mailer's own settings instead.
 */
public record MailServer(String host, int port, String from) {

    /** The settings a service reads (Quarkus Mailer's). */
    public Map<String, String> properties() {
        return Map.of("quarkus.mailer.host", host, "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.from", from, "quarkus.mailer.mock", "false", "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }
}
