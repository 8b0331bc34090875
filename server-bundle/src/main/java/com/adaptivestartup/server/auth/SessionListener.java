package com.adaptivestartup.server.auth;

import java.util.UUID;

/** Told the moment sessions end, so what hangs on a session (an open live-update socket) ends with it. */
public interface SessionListener {
    /** One session was signed out. */
    void sessionEnded(String sessionHash);

    /** Every session of the user ended (sign out everywhere, a password change). */
    void userSignedOut(UUID userId);
}
