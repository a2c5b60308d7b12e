package org.minhu.petition.caller;

/** Who is calling: today only citizens reach the petition API, identified by their subject. */
public record Caller(String subject) {
}
