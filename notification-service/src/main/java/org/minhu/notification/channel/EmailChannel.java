package org.minhu.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import org.minhu.notification.config.NotificationConfig;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;

/** E-mail over SMTP with Quarkus Mailer ({@code quarkus.mailer.*}): plain text, subject and body. */
@ApplicationScoped
public class EmailChannel implements Channel {

    private final ReactiveMailer mailer;
    private final NotificationConfig config;

    public EmailChannel(ReactiveMailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    @Override
    public String name() {
        return "EMAIL";
    }

    @Override
    public void send(Delivery delivery, RenderedMessage message) {
        Mail mail = Mail.withText(delivery.address(), message.subject(), message.body())
                .addHeader("X-Minhu-Notification", message.notificationId().toString());
        mailer.send(mail).await().atMost(config.dispatch().sendTimeout());
    }
}
