package org.minhu.jwtcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/** Real RS256 tokens, signed here and verified by smallrye-jwt's own parser, which counts its calls. */
class CachingJwtParserTest {

    private static final String ISSUER = "https://idp.test/minhu";
    private static KeyPair keys;

    private final AtomicInteger verifications = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private DefaultJWTParser smallrye() {
        return new DefaultJWTParser(new JWTAuthContextInfo(keys.getPublic(), ISSUER)) {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                return super.parse(token);
            }
        };
    }

    private CachingJwtParser parser(int maxEntries) {
        return new CachingJwtParser(smallrye(), maxEntries, Duration.ofMinutes(2), clock);
    }

    private static String token(String subject, Duration lifetime) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject(subject).groups("citizen").issuedAt(now).expiresAt(now.plus(lifetime))
                .sign(keys.getPrivate());
    }

    @Test
    void shouldVerifyATokenSentAgainOnlyOnce() throws Exception {
        CachingJwtParser parser = parser(2000);
        String token = token("citizen-1", Duration.ofMinutes(10));

        JsonWebToken first = parser.parse(token);
        JsonWebToken second = parser.parse(token);

        assertThat(second.getSubject()).isEqualTo("citizen-1").isEqualTo(first.getSubject());
        assertThat(second.getGroups()).containsExactly("citizen");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void shouldStillRefuseATokenAlteredAfterTheOriginalWasKept() throws Exception {
        CachingJwtParser parser = parser(2000);
        String token = token("citizen-1", Duration.ofMinutes(10));
        parser.parse(token);
        // another subject in the payload, the original signature: a different key, verified, refused
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("citizen-1", "citizen-2").getBytes());
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];

        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void shouldNotKeepARefusedToken() {
        CachingJwtParser parser = parser(2000);
        String expired = token("citizen-1", Duration.ofMinutes(-10));

        assertThatThrownBy(() -> parser.parse(expired)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(expired)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
        assertThat(parser.size()).isZero();
    }

    @Test
    void shouldVerifyAgainOnceTheTokenHasExpired() throws Exception {
        CachingJwtParser parser = parser(2000);
        String token = token("citizen-1", Duration.ofSeconds(60));
        parser.parse(token);
        clock.advance(Duration.ofSeconds(30));
        parser.parse(token);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(31));
        parser.parse(token); // smallrye's own clock has not moved, so it accepts it: what counts is that it was asked

        assertThat(verifications).hasValue(2);
    }

    @Test
    void shouldVerifyAgainAfterTheMaximumAgeWhateverTheTokensExpiry() throws Exception {
        CachingJwtParser parser = parser(2000);
        String token = token("citizen-1", Duration.ofHours(1));
        parser.parse(token);
        clock.advance(Duration.ofSeconds(119));
        parser.parse(token);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        parser.parse(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void shouldHoldNoMoreThanItsMaximumNumberOfTokens() throws Exception {
        CachingJwtParser parser = parser(3);
        for (int i = 0; i < 10; i++) {
            parser.parse(token("citizen-" + i, Duration.ofMinutes(10)));
        }
        assertThat(parser.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void shouldVerifyEveryTimeWhenTurnedOff() throws Exception {
        CachingJwtParser parser = parser(0);
        String token = token("citizen-1", Duration.ofMinutes(10));
        parser.parse(token);
        parser.parse(token);
        assertThat(verifications).hasValue(2);
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
