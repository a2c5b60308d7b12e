package org.minhu.notification;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the test SMTP server received ({@link SmtpTestResource}): to, subject, body of each mail, in arrival order. */
public final class Mails {

    private Mails() {
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, String>> all() {
        return ((Supplier<List<Map<String, String>>>) System.getProperties().get(SmtpTestResource.RECEIVED)).get();
    }

    public static List<Map<String, String>> to(String address) {
        return all().stream().filter(m -> m.get("to").contains(address)).toList();
    }

    public static List<String> subjectsTo(String address) {
        return to(address).stream().map(m -> m.get("subject")).toList();
    }
}
