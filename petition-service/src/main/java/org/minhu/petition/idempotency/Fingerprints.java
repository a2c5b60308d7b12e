package org.minhu.petition.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * SHA-256 of a request's canonical JSON (properties sorted), so the same request sent with
 * different whitespace or field order is recognised as the same.
 */
@ApplicationScoped
public class Fingerprints {

    private final ObjectMapper canonical;

    public Fingerprints(ObjectMapper mapper) {
        ObjectMapper copy = mapper.copy();
        copy.configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);
        copy.configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.canonical = copy;
    }

    public String of(Object request) {
        try {
            byte[] json = canonical.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("request could not be fingerprinted", e);
        }
    }
}
