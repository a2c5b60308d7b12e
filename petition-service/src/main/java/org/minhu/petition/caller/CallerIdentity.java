package org.minhu.petition.caller;

import jakarta.enterprise.context.RequestScoped;

import org.minhu.common.security.BearerCaller;

/** The one place that says who the caller is: a citizen, the bearer token's subject. */
@RequestScoped
public class CallerIdentity {

    private final BearerCaller bearer;

    public CallerIdentity(BearerCaller bearer) {
        this.bearer = bearer;
    }

    /** The calling citizen; 401 problem+json without a valid token, 403 for another role. */
    public Caller citizen() {
        return new Caller(bearer.requireAny(BearerCaller.CITIZEN).subject());
    }
}
