package org.minhu.notification.channel;

/**
 * An external way to tell a recipient: e-mail (SMTP) and a signed webhook. SMS and WeChat are not
 * built; an SMS gateway can be reached through the webhook.
 */
public interface Channel {

    /** The channel's name in {@code delivery.channel}: {@code EMAIL}, {@code WEBHOOK}. */
    String name();

    /** Sends {@code message} to {@code delivery}'s address; throws when it was not accepted (retried later). */
    void send(Delivery delivery, RenderedMessage message) throws Exception;
}
