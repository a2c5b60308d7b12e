package org.minhu.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Plain JUnit: which resolved addresses a webhook may not reach (the platform's own network). */
class WebhookAddressTest {

    static boolean internal(String literal) throws Exception {
        return WebhookChannel.internal(InetAddress.getByName(literal));
    }

    @Test
    void loopbackPrivateLinkLocalAndUniqueLocalAddressesAreInternal() throws Exception {
        for (String a : new String[] {"127.0.0.1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "::1", "fe80::1", "fd12:3456::1", "fc00::1", "224.0.0.1"}) {
            assertThat(internal(a)).as(a).isTrue();
        }
    }

    @Test
    void publicAddressesAreNot() throws Exception {
        for (String a : new String[] {"93.184.216.34", "172.32.0.1", "100.128.0.1", "8.8.8.8", "2606:4700::1111"}) {
            assertThat(internal(a)).as(a).isFalse();
        }
    }

    @Test
    void theSignatureIsTheHexHmacOfTimestampDotBody() {
        // computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
        assertThat(WebhookSignature.sign("key", 1700000000L, "{}"))
                .isEqualTo("v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae")
                .isNotEqualTo(WebhookSignature.sign("key", 1700000001L, "{}"))
                .isNotEqualTo(WebhookSignature.sign("other", 1700000000L, "{}"));
    }
}
