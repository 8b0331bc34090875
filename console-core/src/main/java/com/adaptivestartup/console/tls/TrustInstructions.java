package com.adaptivestartup.console.tls;

/** What to tell people about trusting this installation's certificate authority, like mkcert's README. */
public final class TrustInstructions {
    private TrustInstructions() {
    }

    public static final String FOR_PEOPLE = """
            Send this .crt file to each person who uses Adaptive Startup, once. Their computer then trusts the app's \
            certificate (and only certificates this installation makes).
              Windows: double-click the file, choose Install Certificate, Current User, "Place all certificates in the \
            following store", Trusted Root Certification Authorities, Finish.
              macOS: double-click the file (Keychain Access opens it into the login keychain), double-click the \
            certificate, open Trust, set "When using this certificate" to Always Trust, close and confirm.
              Linux (Chrome, Chromium): certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n "Adaptive Startup" -i file.crt
              Firefox on any system: Settings, Privacy & Security, Certificates, View Certificates, Authorities, Import.
            Restart the browser afterwards.""";
}
