package com.adaptivestartup.licensing.vendor;

import com.adaptivestartup.licensing.files.PrivateFiles;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes a new Ed25519 signing key pair as PEM files OpenSSL reads too. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Create a vendor signing key pair (<name>.private.pem, <name>.public.pem).")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Folder to write the two files into.")
    Path out;

    @Option(names = "--name", defaultValue = "vendor", description = "File name stem (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        Path privateFile = out.resolve(name + ".private.pem");
        Path publicFile = out.resolve(name + ".public.pem");
        if (Files.exists(privateFile) || Files.exists(publicFile)) {
            throw new FileAlreadyExistsException(privateFile + " or " + publicFile
                    + " already exists; a signing key is never overwritten (choose another --name)");
        }
        KeyPair pair = Ed25519Keys.generate();
        writePrivate(privateFile, Ed25519Keys.toPem(pair.getPrivate()));
        Files.writeString(publicFile, Ed25519Keys.toPem(pair.getPublic()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW);
        var w = spec.commandLine().getOut();
        w.println("key id:      " + Ed25519Keys.keyId(pair.getPublic()));
        w.println("private key: " + privateFile + "  (keep it offline; it signs licenses and releases)");
        w.println("public key:  " + publicFile + "  (ship it in the console's trusted keys)");
        return 0;
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        PrivateFiles.createFile(file);
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
