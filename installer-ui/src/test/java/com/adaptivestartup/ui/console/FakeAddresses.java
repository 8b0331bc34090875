package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.install.AddressService;
import com.adaptivestartup.console.tls.CertificateFiles;
import com.adaptivestartup.console.tls.CertificateRefused;
import com.adaptivestartup.console.stack.WebAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** console-core's address operations as the Address tab's tests need them: answers set by the test, asks recorded. */
public final class FakeAddresses implements AddressOperations {
    /** An installation served at https://startup.acme.local/ with a certificate made here, this long before its end. */
    public static AddressService.AddressView served(Duration left, String warning) {
        Instant end = Instant.now().plus(left);
        return new AddressService.AddressView("adaptive", "https://startup.acme.local/", new WebAddress("startup.acme.local",
                443, WebAddress.CertificateSource.LOCAL), new AddressService.CertificateView(
                WebAddress.CertificateSource.LOCAL.words(), List.of("startup.acme.local"), "Adaptive Startup local authority",
                end, left.toDays(), "1A2B", warning), true, false);
    }

    public AddressService.AddressView view = new AddressService.AddressView("adaptive", "http://localhost:8080/", null,
            null, false, false);
    String refusal;
    final List<String> asked = new ArrayList<>();

    public AddressService.AddressView current() {
        return view;
    }

    public String set(WebAddress address, CertificateFiles own, Path acmeRoot) {
        asked.add("set " + address.host() + ":" + address.httpsPort() + " " + address.source() + " "
                + (own == null ? "-" : own.certificate()));
        if (refusal != null) {
            throw new CertificateRefused(refusal);
        }
        view = served(Duration.ofDays(300), null);
        return address.url();
    }

    public String clear() {
        asked.add("clear");
        return "http://localhost:8080/";
    }

    public String renew() {
        return view.url();
    }

    public String exportAuthority(Path file) {
        asked.add("export " + file);
        return "Hand it to each colleague's computer.";
    }

    public String trustHere() {
        asked.add("trust");
        return "this computer's store";
    }

    public String trustStore() {
        return "this computer's store";
    }

}
