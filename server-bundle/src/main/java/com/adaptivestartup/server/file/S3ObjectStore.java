package com.adaptivestartup.server.file;

import com.adaptivestartup.server.config.ServerConfig;
import java.io.InputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The object store through the S3 API: any S3-compatible server (ours, MinIO, AWS). Path-style URLs. */
final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;
    private final String bucket;
    /** Whether the bucket was seen or made since this server started. */
    private volatile boolean bucketKnown;

    S3ObjectStore(ServerConfig.Storage config) {
        this.bucket = config.bucket();
        this.s3 = S3Client.builder()
                .endpointOverride(config.endpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(true).build()) // streaming signature: the body is read once
                .httpClient(UrlConnectionHttpClient.builder().build())
                // The SDK's default since 2.30 checksums every upload by reading the stream ahead and
                // rewinding it: that breaks streaming and several S3-compatible servers. Only when required.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // An upload streams from the client's request and cannot be replayed: fail it, do not retry.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Creates the bucket when it does not exist yet (first start of a new stack). */
    @Override
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
        bucketKnown = true;
    }

    /**
     * Answers when the store and the bucket are there. Until the bucket has been seen once, a missing one
     * is made: the store may have started after this server (both start together, and a first start has
     * no bucket yet). Once seen, a missing bucket is reported, never silently made again empty.
     */
    @Override
    public void ping() {
        if (!bucketKnown) {
            ensureBucket();
            return;
        }
        s3.headBucket(b -> b.bucket(bucket));
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(length),
                RequestBody.fromInputStream(new NoMark(content), length));
    }

    @Override
    public ResponseInputStream<GetObjectResponse> get(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    /** The stored object's size, or -1 when there is none under the key. */
    @Override
    public long size(String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return -1;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Streams once, front to back: the body of an HTTP upload cannot be rewound. */
    private static final class NoMark extends java.io.FilterInputStream {
        NoMark(InputStream in) {
            super(in);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
