package org.minhu.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free port, which the application's mailer
 * sends to. Tests read what it received through {@link Mails}: the server is published as a JDK
 * {@link Supplier} in the system properties, so that the test classes see the same server whatever
 * class loader loaded this resource.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    static final String RECEIVED = "minhu.test.smtp.received";

    private GreenMail server;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        GreenMail started = server;
        Supplier<List<Map<String, String>>> received = () -> {
            List<Map<String, String>> mails = new ArrayList<>();
            for (MimeMessage m : started.getReceivedMessages()) {
                try {
                    Map<String, String> mail = new LinkedHashMap<>();
                    mail.put("to", m.getRecipients(Message.RecipientType.TO)[0].toString());
                    mail.put("subject", m.getSubject());
                    mail.put("body", GreenMailUtil.getBody(m));
                    mails.add(mail);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return mails;
        };
        System.getProperties().put(RECEIVED, received);
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.mock", "false", "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
