package org.minhu.petition.attachment;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The attachments' bytes in the object store (S3 API): one object per attachment, another per
 * thumbnail. Every failure to reach the store, or a failure it answers, is an
 * {@link ObjectStoreUnavailableException} (503 for the caller, never 500).
 */
@ApplicationScoped
public class ObjectStorage {

    private static final Logger LOG = Logger.getLogger(ObjectStorage.class);

    private final ObjectStoreConfig config;
    private final S3Client client;

    public ObjectStorage(ObjectStoreConfig config) {
        this.config = config;
        this.client = config.url().filter(u -> !u.isBlank()).map(url -> S3Client.builder()
                .endpointOverride(URI.create(url))
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.accessKey().orElse(""), config.secretKey().orElse(""))))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                // no trailing checksums (aws-chunked uploads) that not every S3-compatible store takes
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(config.timeout()).socketTimeout(config.timeout()).build())
                .overrideConfiguration(o -> o.apiCallTimeout(config.timeout()).apiCallAttemptTimeout(config.timeout()))
                .build()).orElse(null);
    }

    public void put(String key, byte[] bytes, String contentType) {
        call("store " + key, c -> c.putObject(b -> b.bucket(config.bucket()).key(key).contentType(contentType)
                .contentLength((long) bytes.length), RequestBody.fromBytes(bytes)));
    }

    public byte[] get(String key) {
        return call("read " + key, c -> c.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key)).asByteArray());
    }

    /** Best effort: an object whose row could not be written (an orphan is harmless, a row without its object is not). */
    public void deleteQuietly(String key) {
        try {
            call("delete " + key, c -> c.deleteObject(b -> b.bucket(config.bucket()).key(key)));
        } catch (ObjectStoreUnavailableException e) {
            LOG.warnf("could not delete orphan object %s: %s", key, e.getMessage());
        }
    }

    private <T> T call(String what, java.util.function.Function<S3Client, T> action) {
        S3Client c = Optional.ofNullable(client).orElseThrow(() -> new ObjectStoreUnavailableException(
                "no object store is configured (minhu.object-store.url)", null));
        try {
            return action.apply(c);
        } catch (SdkException e) {
            LOG.warnf("object store: could not %s: %s", what, e.getMessage());
            throw new ObjectStoreUnavailableException("the object store could not " + what, e);
        }
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
