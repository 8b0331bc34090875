package com.adaptivestartup.server.http;

import io.javalin.http.Context;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is asking, for rate limits: the connection's own address, or, when that connection comes from a
 * trusted proxy (the stack's nginx, which overwrites {@code X-Real-IP} with the address it saw), the address
 * the proxy names. A header sent from anywhere else is ignored, so nobody outside can pretend to be someone else.
 */
public final class ClientAddress {
    public static final String HEADER = "X-Real-IP";
    /** An IPv4 dotted quad or an IPv6 literal (which has a colon): never a name, which would need DNS. */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]{1,44}");
    private final List<Cidr> trusted;

    private ClientAddress(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /** No proxy trusted: every client is its connection's address. */
    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    /**
     * From {@code TRUSTED_PROXIES}: comma-separated addresses or CIDR ranges (the stack names the private ranges
     * its networks use). Throws with the entry that is not one.
     */
    public static ClientAddress trusting(String list) {
        List<Cidr> cidrs = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    cidrs.add(Cidr.parse(entry.strip()));
                }
            }
        }
        return new ClientAddress(List.copyOf(cidrs));
    }

    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        String named = ctx.header(HEADER);
        if (named != null && IP_LITERAL.matcher(named.strip()).matches() && isTrusted(peer)) {
            return named.strip();
        }
        return peer;
    }

    boolean isTrusted(String address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    private record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                byte[] address = InetAddress.getByName(literal(slash < 0 ? text : text.substring(0, slash))).getAddress();
                int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException(text);
                }
                return new Cidr(address, bits);
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (such as 10.0.0.0/8)");
            }
        }

        boolean contains(String address) {
            try {
                byte[] a = InetAddress.getByName(literal(address)).getAddress();
                if (a.length != network.length) {
                    return false;
                }
                int shift = a.length * 8 - bits;
                return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
            } catch (UnknownHostException | IllegalArgumentException e) {
                return false;
            }
        }

        /** Only literals: a name here would make the check depend on DNS. */
        private static String literal(String s) {
            if (!IP_LITERAL.matcher(s).matches()) {
                throw new IllegalArgumentException(s);
            }
            return s;
        }
    }
}
