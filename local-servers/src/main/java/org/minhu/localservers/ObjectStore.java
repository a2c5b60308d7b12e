package org.minhu.localservers;

import java.util.Map;

/**
 * Where a service keeps files (a request's attachments): an S3-compatible endpoint, the bucket, and
 * the access key pair. The embedded one is {@link ObjectStoreProcess}; the launcher also takes one
 * someone else operates ({@code MINHU_OBJECT_STORE_URL}).
 */
public record ObjectStore(String url, String bucket, String accessKey, String secretKey) {

    /** The settings a service reads, but the secret key (that one goes in the environment, see {@link #environment()}). */
    public Map<String, String> properties() {
        return Map.of("minhu.object-store.url", url, "minhu.object-store.bucket", bucket,
                "minhu.object-store.access-key", accessKey);
    }

    /** The secret key, for a process's environment rather than a command line that {@code ps} shows. */
    public Map<String, String> environment() {
        return Map.of("MINHU_OBJECT_STORE_SECRET_KEY", secretKey);
    }

    /** Every setting as configuration properties (for a {@code @QuarkusTest}, which has no command line). */
    public Map<String, String> configuration() {
        Map<String, String> all = new java.util.HashMap<>(properties());
        all.put("minhu.object-store.secret-key", secretKey);
        return Map.copyOf(all);
    }
}
