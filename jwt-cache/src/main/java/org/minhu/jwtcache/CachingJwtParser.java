package org.minhu.jwtcache;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * smallrye-jwt's parser with the tokens it has verified remembered: the same bearer token sent
 * again is answered from memory instead of checking its RS256 signature once more. Replaces the
 * {@link JWTParser} bean wherever this module is on the class path (the gateway's own check and the
 * services' authentication mechanism both use that bean).
 *
 * <p>Only what the wrapped parser accepted is kept, under the whole token text (an altered token is
 * another key, so it is verified and refused as before); never past the token's {@code exp}, and
 * never longer than {@code minhu.jwt.cache.max-age} (2 minutes), which bounds how long a token
 * signed by a key that has since been withdrawn keeps passing. At most
 * {@code minhu.jwt.cache.max-entries} (2,000) tokens, the least used dropped first; 0 turns the cache
 * off. Refused tokens are not kept: each is checked again.
 *
 * <p>Measured with {@code deploy/bench-suite.sh --jfr}: verifying the signature was 38% of the
 * gateway's CPU and 16% of petition-service's (big-integer arithmetic, without the C2 compiler's
 * intrinsics under {@code -XX:TieredStopAtLevel=1}), for tokens that each caller sends many times.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final JWTParser delegate;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public CachingJwtParser(DefaultJWTParser delegate,
            @ConfigProperty(name = "minhu.jwt.cache.max-entries", defaultValue = "2000") int maxEntries,
            @ConfigProperty(name = "minhu.jwt.cache.max-age", defaultValue = "PT2M") Duration maxAge) {
        this(delegate, maxEntries, maxAge, Clock.systemUTC());
    }

    /** With a clock of the caller's (tests), which also drives the cache's expiry. */
    public CachingJwtParser(JWTParser delegate, int maxEntries, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        long maxAgeNanos = maxAge.toNanos();
        this.verified = maxEntries <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, JsonWebToken>() {
                    @Override
                    public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
                        long untilExpiry = jwt.getExpirationTime() * 1_000_000_000L - clock.millis() * 1_000_000L;
                        return Math.max(0, Math.min(untilExpiry, maxAgeNanos));
                    }

                    @Override
                    public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(String token, JsonWebToken jwt, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return delegate.parse(token);
        }
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = delegate.parse(token);
        // a token without exp is not kept (smallrye-jwt refuses those by default anyway)
        if (jwt.getExpirationTime() > clock.millis() / 1000) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** How many verified tokens are held now (approximately; for tests and diagnostics). */
    public long size() {
        if (verified == null) {
            return 0;
        }
        verified.cleanUp();
        return verified.estimatedSize();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
