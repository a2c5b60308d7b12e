package org.minhu.petition.open311;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minhu.common.privacy.Pseudonyms;

import io.quarkus.runtime.Startup;

/**
 * The petitioner of a request filed through Open311: {@code open311:<client>:<pseudonym>}, the
 * pseudonym being HMAC-SHA256 of the client and the person's account, e-mail, device or phone
 * under {@value #KEY}. The subject travels in events and other services' databases; without the
 * key nobody can find whose phone number it stands for by trying them all (an unkeyed hash could).
 *
 * <p>The key comes from the configuration ({@code MINHU_PRIVACY_PSEUDONYM_KEY}, at least 16
 * characters). The dev, test and local profiles have a default; any other profile refuses to start
 * without one. Changing the key changes every pseudonym: the same person then files as a new
 * petitioner (their earlier requests stay, under the old pseudonym).
 */
@Startup
@ApplicationScoped
public class Open311Pseudonyms {

    public static final String KEY = "minhu.privacy.pseudonym-key";

    private final Pseudonyms pseudonyms;

    public Open311Pseudonyms(@ConfigProperty(name = KEY) Optional<String> key) {
        this.pseudonyms = require(key);
    }

    /** The keyed pseudonyms, or a clear reason why the service cannot start. */
    public static Pseudonyms require(Optional<String> key) {
        String value = key.map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw new IllegalStateException(KEY + " is not set: petition-service needs a secret key for the pseudonyms of "
                    + "Open311 petitioners. Set MINHU_PRIVACY_PSEUDONYM_KEY (at least 16 random characters, kept like a "
                    + "password; for example from a Kubernetes Secret) and start again.");
        }
        if (value.length() < 16) {
            throw new IllegalStateException(KEY + " is too short: give at least 16 random characters");
        }
        return Pseudonyms.keyed(value);
    }

    /** The petitioner subject of {@code who} (account, e-mail, device or phone) filing through {@code client}. */
    public String subject(Open311Client client, String who) {
        return "open311:" + client.id + ":" + pseudonyms.of(client.id + "/" + who, 32);
    }
}
