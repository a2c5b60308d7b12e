package org.minhu.petition.attachment;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where attachments' bytes go: an S3-compatible object store, under {@code minhu.object-store}
 * (environment {@code MINHU_OBJECT_STORE_URL}, {@code _BUCKET}, {@code _ACCESS_KEY}, {@code _SECRET_KEY}).
 * Without a URL the service still runs and answers uploads and downloads with 503.
 */
@ConfigMapping(prefix = "minhu.object-store")
public interface ObjectStoreConfig {

    /** The S3 endpoint, for example {@code http://minio:9000}; path-style addressing (bucket in the path). */
    Optional<String> url();

    @WithDefault("minhu-attachments")
    String bucket();

    Optional<String> accessKey();

    Optional<String> secretKey();

    /** Signing region; S3Proxy and MinIO accept any. */
    @WithDefault("us-east-1")
    String region();

    /** How long one call to the store may take before the upload or download answers 503. */
    @WithDefault("PT10S")
    Duration timeout();
}
