package org.minhu.petition.caller;

/**
 * Who is calling: a citizen (identified by their subject, sees only their own requests) or an
 * auditor (reads every request, with personal data masked).
 */
public record Caller(String subject, boolean auditor) {

    public static Caller citizen(String subject) {
        return new Caller(subject, false);
    }
}
