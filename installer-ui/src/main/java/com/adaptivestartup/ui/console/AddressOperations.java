package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.install.AddressService;
import com.adaptivestartup.console.tls.CertificateFiles;
import com.adaptivestartup.console.stack.WebAddress;
import java.nio.file.Path;

/** What the Address view asks of console-core for the installation (a fake in tests). Each throws with a sentence. */
public interface AddressOperations {
    AddressService.AddressView current();

    /**
     * Serves the app on this address with a certificate made here, the company's own files, or from an ACME server
     * (with its root's file, or null); returns the link.
     */
    String set(WebAddress address, CertificateFiles own, java.nio.file.Path acmeRoot);

    /** No address: plain HTTP on the web port again; returns the link. */
    String clear();

    /** A new certificate made here; returns the link. */
    String renew();

    /** Writes the installation's authority certificate; returns how to trust it. */
    String exportAuthority(Path file);

    /** Adds the installation's authority to this computer's trust store; returns where it went. */
    String trustHere();

    /** Where {@link #trustHere()} puts it, for the question asked first. */
    String trustStore();
}
