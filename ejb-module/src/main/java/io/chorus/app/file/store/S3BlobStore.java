package io.chorus.app.file.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in a bucket of any S3-compatible store (AWS S3, MinIO, Ceph, S3Proxy, ...) through the
 * AWS SDK for Java v2 with its JDK HTTP client. Keys are the object keys. Checksums are sent and
 * checked only where the operation requires them, which every S3-compatible store understands.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String description;

    public record Settings(String bucket, Optional<String> endpoint, String region, Optional<String> accessKey,
                           Optional<String> secretKey, boolean pathStyle) {
    }

    public S3BlobStore(Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isPresent() && settings.secretKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().get()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().map(URI::create).ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
        this.bucket = settings.bucket();
        this.description = "s3 bucket " + bucket + settings.endpoint().map(e -> " at " + e).orElse("");
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            return -1;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return -1;
            }
            throw new IOException("S3 HEAD " + key + " failed: " + e.statusCode(), e);
        } catch (SdkException e) {
            throw new IOException("S3 HEAD " + key + " failed", e);
        }
    }

    @Override
    public void put(String key, Path file, String mediaType) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(mediaType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("S3 PUT " + key + " failed", e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String mediaType) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(mediaType), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new IOException("S3 PUT " + key + " failed", e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (offset > 0 || length >= 0) {
            request.range("bytes=" + offset + "-" + (length >= 0 ? Long.toString(offset + length - 1) : ""));
        }
        try {
            return s3.getObject(request.build());
        } catch (SdkException e) {
            throw new IOException("S3 GET " + key + " failed", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("S3 DELETE " + key + " failed", e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        s3.close();
    }
}
