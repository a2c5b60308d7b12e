package org.minhu.gateway;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What smallrye-jwt does not check on a token whose signature, issuer, audience and expiry it
 * accepted: an issue time ({@code iat}) in the future beyond the clock skew, and a lifetime
 * ({@code exp - iat}) over the role's maximum (citizens a day, staff roles 12 hours by default;
 * {@code smallrye.jwt.time-to-live} is one number for every role). The services apply the same
 * rules (service-commons' {@code TokenRules}), with the same {@code minhu.jwt.*} settings.
 */
@ApplicationScoped
public class TokenRules {

    static final String CITIZEN = "citizen";

    private final Duration clockSkew;
    private final Duration citizenMax;
    private final Duration staffMax;

    public TokenRules(@ConfigProperty(name = "minhu.jwt.clock-skew", defaultValue = "PT60S") Duration clockSkew,
                      @ConfigProperty(name = "minhu.jwt.max-lifetime.citizen", defaultValue = "P1D") Duration citizenMax,
                      @ConfigProperty(name = "minhu.jwt.max-lifetime.staff", defaultValue = "PT12H") Duration staffMax) {
        this.clockSkew = clockSkew;
        this.citizenMax = citizenMax;
        this.staffMax = staffMax;
    }

    /** The longest lifetime a token with these roles may have: any role but citizen counts as staff. */
    Duration maxLifetime(Set<String> roles) {
        return staff(roles) ? staffMax : citizenMax;
    }

    private static boolean staff(Set<String> roles) {
        return roles != null && roles.stream().anyMatch(r -> !CITIZEN.equals(r));
    }

    /** Why the token is refused, or null when it is not. */
    String violation(JsonWebToken token) {
        long now = System.currentTimeMillis() / 1000;
        long iat = token.getIssuedAtTime();
        long exp = token.getExpirationTime();
        if (iat > now + clockSkew.toSeconds()) {
            return "The bearer token's issue time (iat) lies in the future";
        }
        boolean staff = staff(token.getGroups());
        Duration max = staff ? staffMax : citizenMax;
        if (exp - iat > max.toSeconds()) {
            return "The bearer token lives longer (exp - iat) than the " + max.toMinutes() + " minutes allowed for "
                    + (staff ? "staff roles" : "citizens");
        }
        return null;
    }
}
