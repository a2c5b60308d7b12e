package org.minhu.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free port, which the application's mailer
 * sends to. Tests read what it received through {@link Mails}, by a platform MBean that returns JSON
 * text, so that the test classes see the same server whatever class loader loaded this resource.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    /** The platform MBean through which tests read what the server received (JSON text: JDK types only). */
    static final String NAME = "org.minhu.test:type=SmtpReceived";

    public interface SmtpReceivedMBean {
        String getReceived();
    }

    public static final class SmtpReceived implements SmtpReceivedMBean {
        private final GreenMail server;

        SmtpReceived(GreenMail server) {
            this.server = server;
        }

        @Override
        public String getReceived() {
            List<Map<String, String>> mails = new ArrayList<>();
            for (MimeMessage m : server.getReceivedMessages()) {
                try {
                    Map<String, String> mail = new LinkedHashMap<>();
                    mail.put("to", m.getRecipients(Message.RecipientType.TO)[0].toString());
                    mail.put("subject", m.getSubject());
                    Object content = m.getContent();
                    mail.put("body", content instanceof String text ? text : GreenMailUtil.getBody(m));
                    mails.add(mail);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                return new ObjectMapper().writeValueAsString(mails);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

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
        try {
            MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(NAME);
            if (beans.isRegistered(name)) {
                beans.unregisterMBean(name);
            }
            beans.registerMBean(new SmtpReceived(server), name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
