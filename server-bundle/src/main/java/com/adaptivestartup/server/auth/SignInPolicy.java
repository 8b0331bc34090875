package com.adaptivestartup.server.auth;

import java.util.Optional;

/**
 * Whether an account may sign in with its password, once the password is right: an organization that signs in only
 * through its identity provider says no for its members (decided outside this package, by {@code sso/}).
 */
public interface SignInPolicy {
    SignInPolicy ANYONE = user -> Optional.empty();

    /** Why this account must not sign in with a password, as a sentence; empty when it may. */
    Optional<String> passwordRefusal(User user);
}
