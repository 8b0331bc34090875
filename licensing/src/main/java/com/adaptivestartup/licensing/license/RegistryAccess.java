package com.adaptivestartup.licensing.license;

/**
 * The customer's pull access to the vendor's image registry.
 *
 * @param url       registry address, e.g. {@code registry.example.com} or {@code 127.0.0.1:5000}
 * @param namespace the repository prefix of this customer's images
 * @param username  pull account
 * @param password  pull secret; never printed (see {@link #toString()})
 */
public record RegistryAccess(String url, String namespace, String username, String password) {
    @Override
    public String toString() {
        return "RegistryAccess[url=" + url + ", namespace=" + namespace + ", username=" + username
                + ", password=(hidden)]";
    }
}
