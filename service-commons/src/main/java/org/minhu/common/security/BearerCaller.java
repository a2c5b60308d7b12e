package org.minhu.common.security;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller as the bearer token says (RS256, checked by smallrye-jwt against the configured
 * issuer and key): its subject, its roles ({@code groups}) and, for staff, its {@code unit_id}.
 * No token: 401 problem+json; an invalid token: 401 too (see {@code ProblemMappers}). Each
 * service's identity class decides what the roles may do.
 */
@RequestScoped
public class BearerCaller {

    public static final String CITIZEN = "citizen";
    public static final String UNIT_STAFF = "unit_staff";
    public static final String GOVERNANCE = "governance";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    /** The verified caller: subject, roles, unit (or null). */
    public record Claims(String subject, Set<String> roles, String unitId) {
        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    public Claims require() {
        if (identity.isAnonymous()) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED,
                    "A bearer token is required (Authorization: Bearer …)"));
        }
        String subject = jwt.getSubject();
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED,
                    "The token's subject must be 1 to 64 letters, digits or . _ : @ -"));
        }
        Object unit = jwt.getClaim("unit_id");
        return new Claims(subject, identity.getRoles(), unit == null ? null : unit.toString().replace("\"", ""));
    }

    /** The caller, who must hold one of {@code roles}; 403 otherwise. */
    public Claims requireAny(String... roles) {
        Claims claims = require();
        for (String role : roles) {
            if (claims.has(role)) {
                return claims;
            }
        }
        throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "This needs the role " + String.join(" or ", roles)));
    }
}
