package com.adaptivestartup.server.file;

import com.adaptivestartup.server.config.ServerConfig;
import java.io.InputStream;

/**
 * Where the bytes of uploaded files live, by key: an S3 bucket in the full stack ({@link S3ObjectStore}), a folder
 * on the local disk in the single container ({@link DiskObjectStore}). The keys and the checksums kept beside them in
 * the database are the same for both, so files move between the two editions as they are.
 */
public interface ObjectStore extends AutoCloseable {
    static ObjectStore of(ServerConfig.Storage config) {
        return config.isDisk() ? new DiskObjectStore(config.directory()) : new S3ObjectStore(config);
    }

    /** Makes the place files go when it does not exist yet (first start). */
    void ensureBucket();

    /** Answers when the store is there and usable; throws saying why not. */
    void ping();

    /** Stores {@code length} bytes under the key, read once front to back; whole or not at all. */
    void put(String key, InputStream content, long length, String contentType);

    /** The bytes under the key; the caller closes the stream. */
    InputStream get(String key);

    /** The stored object's size, or -1 when there is none under the key. */
    long size(String key);

    void delete(String key);

    @Override
    void close();
}
