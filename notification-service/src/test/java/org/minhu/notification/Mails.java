package org.minhu.notification;

import java.util.List;
import java.util.Map;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the test SMTP server received ({@link SmtpTestResource}): to, subject, body of each mail, in arrival order. */
public final class Mails {

    private Mails() {
    }

    public static List<Map<String, String>> all() {
        try {
            String json = (String) ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName(SmtpTestResource.NAME), "Received");
            return new ObjectMapper().readValue(json, new TypeReference<List<Map<String, String>>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Map<String, String>> to(String address) {
        return all().stream().filter(m -> m.get("to").contains(address)).toList();
    }

    public static List<String> subjectsTo(String address) {
        return to(address).stream().map(m -> m.get("subject")).toList();
    }
}
