package org.minhu.petition.caller;

import java.util.Arrays;

/**
 * Who is calling: a citizen (identified by their subject, sees only their own requests), an
 * auditor (reads every request, with personal data masked), or staff reading one request
 * ({@link CallerIdentity#petitionReader()}): a unit's staff ({@code unitId}) the requests their
 * unit handles, co-handles or supervises (督办), a governance centre's staff ({@code centreId}) those of its region
 * (the city's centre: all).
 */
public record Caller(String subject, boolean auditor, String unitId, String centreId) {

    /** The city's governance centre (重庆市城市运行和治理中心), over every region. */
    public static final String CITY_CENTRE = "city-gc";

    /** The governance centre of a district-level region, as the unit registry names it. */
    public static String centreOf(String regionCode) {
        return regionCode + "-gc";
    }

    public Caller(String subject, boolean auditor) {
        this(subject, auditor, null, null);
    }

    public static Caller citizen(String subject) {
        return new Caller(subject, false);
    }

    /** Staff of a unit or a governance centre (neither a citizen nor an auditor). */
    public boolean staff() {
        return unitId != null || centreId != null;
    }

    /** Whether the caller's unit leads the case of a request ({@code handlingUnitId}) or co-handles it. */
    public boolean handles(String handlingUnitId, String[] coUnitIds) {
        return unitId != null && (unitId.equals(handlingUnitId) || coUnitIds != null && Arrays.asList(coUnitIds).contains(unitId));
    }

    /** Whether the caller's unit supervises the overdue case of a request (督办, {@code supervisingUnitId}). */
    public boolean supervises(String supervisingUnitId) {
        return unitId != null && unitId.equals(supervisingUnitId);
    }

    /** Whether the caller is the governance centre over {@code regionCode}: the district's, or the city's. */
    public boolean governs(String regionCode) {
        return centreId != null && (CITY_CENTRE.equals(centreId) || centreOf(regionCode).equals(centreId));
    }
}
