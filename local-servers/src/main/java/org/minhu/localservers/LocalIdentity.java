package org.minhu.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The local identity provider of tests, benchmarks and {@code ./minhu up}: an RSA key pair
 * (generated once, kept as PEM files in a folder so tokens survive a restart) and RS256 tokens with
 * the claims the services read: {@code sub}, {@code groups} (the role) and {@code unit_id}.
 * Production uses any OIDC provider instead; the services only need its public key or JWKS URL.
 */
public final class LocalIdentity {

    public static final String ISSUER = "https://minhu.local/dev";
    /** The audience ({@code aud}) the gateway and the services require: {@code minhu.jwt.audience}'s default. */
    public static final String AUDIENCE = "minhu";

    private static LocalIdentity shared;

    private final KeyPair keys;

    private LocalIdentity(KeyPair keys) {
        this.keys = keys;
    }

    private static final String SHARED_KEY = "minhu.identity.shared-private-key";

    /**
     * One per JVM (tests), in memory. The key travels in a system property so that every class
     * loader of the JVM (Quarkus' test loaders, the test resource's) signs and verifies with it.
     */
    public static synchronized LocalIdentity shared() {
        if (shared == null) {
            String known = System.getProperty(SHARED_KEY);
            try {
                if (known == null) {
                    shared = new LocalIdentity(generate());
                    System.setProperty(SHARED_KEY, Base64.getEncoder().encodeToString(shared.keys.getPrivate().getEncoded()));
                } else {
                    KeyFactory rsa = KeyFactory.getInstance("RSA");
                    java.security.interfaces.RSAPrivateCrtKey priv = (java.security.interfaces.RSAPrivateCrtKey) rsa.generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(known)));
                    PublicKey pub = rsa.generatePublic(new java.security.spec.RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
                    shared = new LocalIdentity(new KeyPair(pub, priv));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** The key pair kept in {@code dir} (jwt-private.pem, jwt-public.pem), created on first use. */
    public static LocalIdentity in(Path dir) {
        Path privateFile = dir.resolve("jwt-private.pem");
        Path publicFile = dir.resolve("jwt-public.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                ownerOnly(privateFile); // a key written before this rule was kept
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
                PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile))));
                return new LocalIdentity(new KeyPair(pub, priv));
            }
            LocalIdentity identity = new LocalIdentity(generate());
            Files.createDirectories(dir);
            // readable by its owner only from the first byte on: whoever reads it can sign tokens of any role
            Files.deleteIfExists(privateFile);
            if (posix(dir)) {
                Files.createFile(privateFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(privateFile, pem("PRIVATE KEY", identity.keys.getPrivate().getEncoded()));
            ownerOnly(privateFile);
            Files.writeString(publicFile, identity.publicKeyPem());
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable key pair in " + dir, e);
        }
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class);
    }

    /** {@code chmod 600} where the file system has POSIX permissions. */
    private static void ownerOnly(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The public key, PEM: the services' {@code mp.jwt.verify.publickey}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    /** The private key, PEM: the gateway's {@code smallrye.jwt.sign.key} for {@code POST /dev/tokens}. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** What a service needs to verify this provider's tokens. */
    public Map<String, String> verificationConfig() {
        return Map.of("mp.jwt.verify.publickey", publicKeyPem(), "mp.jwt.verify.issuer", ISSUER);
    }

    public String citizen(String subject) {
        return token(subject, "citizen", null, Duration.ofHours(12));
    }

    /** Unit staff, or a governance centre's staff when the unit is one ({@code …-gc}). */
    public String staff(String unitId) {
        return token("staff@" + unitId, unitId.endsWith("-gc") ? "governance" : "unit_staff", unitId, Duration.ofHours(12));
    }

    /** A governance centre's staff member by name, for example hotline staff recording a call-back. */
    public String governance(String unitId, String staffId) {
        return token(staffId, "governance", unitId, Duration.ofHours(12));
    }

    public String admin(String unitId) {
        return token("admin@" + unitId, "admin", unitId, Duration.ofHours(12));
    }

    public String auditor(String subject) {
        return token(subject, "auditor", null, Duration.ofHours(12));
    }

    /**
     * A signed token living {@code lifetime} from now; a negative lifetime gives an expired one. The
     * platform refuses tokens that live longer than their role's maximum (citizens a day, staff roles
     * 12 hours, by default).
     */
    public String token(String subject, String role, String unitId, Duration lifetime) {
        return sign(claims(subject, role, unitId, lifetime), keys.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /**
     * A signed token with exactly these times and audience ({@code null}: no {@code aud} claim), for
     * tests of what the platform refuses: an issue time in the future, too long a lifetime, another audience.
     */
    public String token(String subject, String role, String unitId, java.time.Instant issuedAt, java.time.Instant expiresAt,
                        String audience) {
        JwtClaims claims = claims(subject, role, unitId, Duration.ofHours(1));
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        if (audience == null) {
            claims.unsetClaim("aud");
        } else {
            claims.setAudience(audience);
        }
        return sign(claims, keys.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** A well-formed token signed by another key: every service must refuse it. */
    public static String signedByStranger(String subject, String role) {
        return sign(claims(subject, role, null, Duration.ofHours(1)), generate().getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** An unsigned token ({@code alg: none}): every service must refuse it. */
    public static String unsigned(String subject, String role) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(subject, role, null, Duration.ofHours(1)).toJson().getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }

    private static JwtClaims claims(String subject, String role, String unitId, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setJwtId(UUID.randomUUID().toString());
        long now = System.currentTimeMillis() / 1000;
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Math.min(now, now + lifetime.toSeconds() - 60)));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + lifetime.toSeconds()));
        claims.setStringListClaim("groups", List.of(role));
        claims.setClaim("upn", subject);
        if (unitId != null) {
            claims.setClaim("unit_id", unitId);
        }
        return claims;
    }

    private static String sign(JwtClaims claims, PrivateKey key, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
