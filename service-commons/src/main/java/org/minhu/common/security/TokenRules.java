package org.minhu.common.security;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * What smallrye-jwt leaves unchecked on a token whose signature, issuer, audience
 * ({@code mp.jwt.verify.audiences}) and expiry it accepted: an issue time ({@code iat}) in the
 * future beyond the clock skew, and a lifetime ({@code exp - iat}) over the role's maximum
 * (citizens a day, staff roles 12 hours by default; smallrye's {@code smallrye.jwt.time-to-live}
 * is one number for every role). Such a token fails authentication: 401 problem+json, as any
 * invalid token. The gateway applies the same rules with the same {@code minhu.jwt.*} settings.
 */
@ApplicationScoped
public class TokenRules implements SecurityIdentityAugmentor {

    static final String CITIZEN = "citizen";

    @ConfigProperty(name = "minhu.jwt.clock-skew", defaultValue = "PT60S")
    Duration clockSkew;

    @ConfigProperty(name = "minhu.jwt.max-lifetime.citizen", defaultValue = "P1D")
    Duration citizenMax;

    @ConfigProperty(name = "minhu.jwt.max-lifetime.staff", defaultValue = "PT12H")
    Duration staffMax;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
            String violation = violation(token.getIssuedAtTime(), token.getExpirationTime(), token.getGroups(),
                    System.currentTimeMillis() / 1000);
            if (violation != null) {
                return Uni.createFrom().failure(new AuthenticationFailedException(violation));
            }
        }
        return Uni.createFrom().item(identity);
    }

    /** Why a token with these times and roles is refused at {@code now} (epoch seconds), or null when it is not. */
    String violation(long issuedAt, long expiresAt, Set<String> roles, long now) {
        if (issuedAt > now + clockSkew.toSeconds()) {
            return "The bearer token's issue time (iat) lies in the future";
        }
        boolean staff = roles != null && roles.stream().anyMatch(r -> !CITIZEN.equals(r));
        Duration max = staff ? staffMax : citizenMax;
        if (expiresAt - issuedAt > max.toSeconds()) {
            return "The bearer token lives longer (exp - iat) than the " + max.toMinutes() + " minutes allowed for "
                    + (staff ? "staff roles" : "citizens");
        }
        return null;
    }
}
