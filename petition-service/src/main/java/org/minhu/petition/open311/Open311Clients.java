package org.minhu.petition.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Issues, checks and revokes the API keys of Open311 client applications. A key is 256 random
 * bits, shown once; only its SHA-256 is stored, so a stolen table holds no usable key.
 */
@ApplicationScoped
public class Open311Clients {

    /** Keys carry a prefix so that a leaked one is recognisable in logs and secret scanners. */
    static final String PREFIX = "minhu311_";

    private final SecureRandom random = new SecureRandom();

    public record Issued(Open311Client client, String apiKey) {
    }

    @Transactional
    public Issued issue(String name, String createdBy) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Open311Client c = new Open311Client();
        c.id = UUID.randomUUID();
        c.name = name.strip();
        c.keyHash = hash(key);
        c.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        c.createdBy = createdBy;
        c.persist();
        return new Issued(c, key);
    }

    /** The active client holding {@code apiKey}, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Open311Client> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
            return Optional.empty();
        }
        return Open311Client.<Open311Client>find("keyHash", hash(apiKey.strip())).firstResultOptional()
                .filter(c -> c.revokedAt == null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Open311Client> list() {
        return Open311Client.list("order by createdAt desc");
    }

    /** Revokes the client's key; its requests stay. False when there is no such client. */
    @Transactional
    public Optional<Open311Client> revoke(UUID id) {
        Optional<Open311Client> client = Open311Client.findByIdOptional(id);
        client.filter(c -> c.revokedAt == null).ifPresent(c -> c.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS));
        return client;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
