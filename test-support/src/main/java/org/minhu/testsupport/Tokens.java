package org.minhu.testsupport;

import org.minhu.localservers.LocalIdentity;
/** Tokens of this JVM's local identity provider, for {@code @QuarkusTest}s: {@code .auth().oauth2(Tokens.citizen("c-1"))}. */
public final class Tokens {

    private Tokens() {
    }

    public static String citizen(String subject) {
        return LocalIdentity.shared().citizen(subject);
    }

    /** Unit staff, or a governance centre's staff when the unit is one ({@code …-gc}). */
    public static String staff(String unitId) {
        return LocalIdentity.shared().staff(unitId);
    }

    public static String governance(String unitId, String staffId) {
        return LocalIdentity.shared().governance(unitId, staffId);
    }

    public static String admin(String unitId) {
        return LocalIdentity.shared().admin(unitId);
    }

    public static String auditor(String subject) {
        return LocalIdentity.shared().auditor(subject);
    }
}
