package com.adaptivestartup.console.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A backup encrypted with a passphrase: AES-256-GCM in 64 KiB chunks, so a file of any size streams
 * (the JDK's GCM holds a whole message in memory to decrypt it). The key comes from the passphrase with
 * PBKDF2-HMAC-SHA256 (600,000 iterations) and a random salt. Each chunk's nonce is a random prefix, the
 * chunk's number and a last-chunk flag, and the header is authenticated with every chunk: chunks cannot
 * be reordered, dropped, or cut off at the end without the read failing.
 *
 * <pre>
 * "ASBKENC1" | salt (16) | iterations (4, big-endian) | nonce prefix (7) | chunk | chunk | ... | last chunk
 * chunk = AES-GCM(64 KiB of plaintext, or less for the last) with its 16-byte tag
 * </pre>
 */
public final class BackupCrypto {
    static final byte[] MAGIC = "ASBKENC1".getBytes(StandardCharsets.US_ASCII);
    static final int CHUNK = 64 * 1024;
    static final int TAG = 16;
    static final int ITERATIONS = 600_000;
    private static final int HEADER = MAGIC.length + 16 + 4 + 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupCrypto() {
    }

    /** A passphrase that does not open the file, or a file changed after it was encrypted. */
    public static final class WrongPassphrase extends IOException {
        private static final long serialVersionUID = 1L;

        WrongPassphrase(String message) {
            super(message);
        }
    }

    public static boolean looksEncrypted(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    public static OutputStream encrypt(OutputStream out, char[] passphrase) throws IOException {
        byte[] salt = new byte[16];
        byte[] prefix = new byte[7];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(prefix);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put(salt).putInt(ITERATIONS).put(prefix);
        out.write(header.array());
        return new Encrypting(out, key(passphrase, salt, ITERATIONS), prefix, header.array());
    }

    public static InputStream decrypt(InputStream in, char[] passphrase) throws IOException {
        byte[] header = in.readNBytes(HEADER);
        if (header.length < HEADER || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new WrongPassphrase("this backup is not encrypted (or not a backup); do not give a passphrase for it");
        }
        ByteBuffer b = ByteBuffer.wrap(header, MAGIC.length, HEADER - MAGIC.length);
        byte[] salt = new byte[16];
        b.get(salt);
        int iterations = b.getInt();
        if (iterations < 100_000 || iterations > 10_000_000) {
            throw new WrongPassphrase("this encrypted backup's header is damaged");
        }
        byte[] prefix = new byte[7];
        b.get(prefix);
        return new Decrypting(in, key(passphrase, salt, iterations), prefix, header);
    }

    private static SecretKey key(char[] passphrase, byte[] salt, int iterations) throws IOException {
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
            byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return new SecretKeySpec(k, "AES");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the backup key: " + e.getMessage(), e);
        }
    }

    private static byte[] nonce(byte[] prefix, long counter, boolean last) {
        if (counter > 0xffffffffL) {
            throw new IllegalStateException("backup too large for one encrypted stream");
        }
        return ByteBuffer.allocate(12).put(prefix).putInt((int) counter).put((byte) (last ? 1 : 0)).array();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] aad) throws IOException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(aad);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static final class Encrypting extends OutputStream {
        private final OutputStream out;
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] aad;
        private final byte[] buffer = new byte[CHUNK];
        private int filled;
        private long counter;
        private boolean closed;

        Encrypting(OutputStream out, SecretKey key, byte[] prefix, byte[] aad) {
            this.out = out;
            this.key = key;
            this.prefix = prefix;
            this.aad = aad;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == CHUNK) {
                    seal(false);
                }
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                out.write(cipher(Cipher.ENCRYPT_MODE, key, nonce(prefix, counter++, last), aad).doFinal(buffer, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            filled = 0;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                seal(true);
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {
        private final PushbackInputStream in;
        private final SecretKey key;
        private final byte[] prefix;
        private final byte[] aad;
        private byte[] plain = new byte[0];
        private int pos;
        private long counter;
        private boolean done;

        Decrypting(InputStream in, SecretKey key, byte[] prefix, byte[] aad) {
            this.in = new PushbackInputStream(in, 1);
            this.key = key;
            this.prefix = prefix;
            this.aad = aad;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos == plain.length) {
                if (done) {
                    return -1;
                }
                next();
            }
            int n = Math.min(len, plain.length - pos);
            System.arraycopy(plain, pos, b, off, n);
            pos += n;
            return n;
        }

        private void next() throws IOException {
            byte[] sealed = in.readNBytes(CHUNK + TAG);
            boolean last = sealed.length < CHUNK + TAG;
            if (!last) {
                // A full chunk is the last one only if nothing follows it.
                int following = in.read();
                if (following < 0) {
                    last = true;
                } else {
                    in.unread(following);
                }
            }
            if (sealed.length < TAG) {
                throw new EOFException("the encrypted backup ends too early: it is truncated");
            }
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, nonce(prefix, counter++, last), aad).doFinal(sealed);
            } catch (AEADBadTagException e) {
                throw new WrongPassphrase(counter == 1
                        ? "the passphrase does not open this backup (or its beginning is damaged)"
                        : "the encrypted backup is damaged or truncated at about byte " + (counter - 1) * CHUNK);
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
            pos = 0;
            done = last;
        }
    }
}
