package org.minhu.launcher;

import org.minhu.localservers.MailServer;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The e-mail server of a local run: GreenMail, a real SMTP server that keeps what it receives in
 * memory and serves it over IMAP, so that the messages notification-service sends can be read with
 * any mail client (user name: the recipient's address, any password). Listens on 127.0.0.1 only; its
 * mailboxes are gone when the launcher stops. {@code MINHU_SMTP_HOST} (with {@code MINHU_SMTP_PORT})
 * names a server of one's own instead (credentials and TLS: Quarkus Mailer's own
 * {@code QUARKUS_MAILER_*} variables, which the services inherit).
 */
final class LocalMail implements AutoCloseable {

    static final int SMTP_PORT = 59925;
    static final int IMAP_PORT = 59943;
    static final String FROM = "Minhu 民呼 <no-reply@minhu.local>";

    private final GreenMail server;

    private LocalMail(GreenMail server) {
        this.server = server;
    }

    static LocalMail start() {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return new LocalMail(server);
    }

    MailServer settings() {
        return new MailServer("127.0.0.1", SMTP_PORT, FROM);
    }

    /** How many messages it has received since it started. */
    int received() {
        return server.getReceivedMessages().length;
    }

    @Override
    public void close() {
        server.stop();
    }
}
