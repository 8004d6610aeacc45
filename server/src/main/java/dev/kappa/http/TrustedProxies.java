package dev.kappa.http;

import io.vertx.core.http.HttpServerRequest;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address for throttling and logs. {@code X-Forwarded-For} is honoured only when the connection comes
 * from a listed proxy (KAPPA_TRUSTED_PROXIES: addresses or CIDR ranges); anyone else could write any address there.
 * Behind trusted proxies the client is the right-most address in the header that is not itself a trusted proxy:
 * entries to its left were written by the client and prove nothing.
 */
public final class TrustedProxies {
    private record Range(BigInteger base, int bits, int length) {
        boolean contains(byte[] address) {
            if (address.length * 8 != length) {
                return false;
            }
            BigInteger a = new BigInteger(1, address);
            return a.shiftRight(length - bits).equals(base.shiftRight(length - bits));
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** Parses "10.0.0.0/8, 127.0.0.1, ::1"; throws IllegalArgumentException naming the bad entry. */
    public static TrustedProxies parse(String list) {
        List<Range> ranges = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return NONE;
        }
        for (String entry : list.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String ip = e.contains("/") ? e.substring(0, e.indexOf('/')) : e;
            byte[] bytes = literal(ip);
            if (bytes == null) {
                throw new IllegalArgumentException("'" + e + "' is not an IP address or CIDR range");
            }
            int length = bytes.length * 8;
            int bits = length;
            if (e.contains("/")) {
                try {
                    bits = Integer.parseInt(e.substring(e.indexOf('/') + 1));
                } catch (NumberFormatException x) {
                    bits = -1;
                }
                if (bits < 0 || bits > length) {
                    throw new IllegalArgumentException("'" + e + "' has a bad prefix length");
                }
            }
            ranges.add(new Range(new BigInteger(1, bytes), bits, length));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The address to account the request to. */
    public String clientAddress(HttpServerRequest req) {
        String peer = req.remoteAddress() == null ? "unknown" : req.remoteAddress().host();
        if (ranges.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : req.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                break; // garbage: stop at the last address a trusted proxy vouched for
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return client;
    }

    /** The bytes of an IP literal, or null; never a DNS lookup (only digits, hex, dots and colons get that far). */
    static byte[] literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 45 || !s.matches("[0-9a-fA-F:.]+") || !(s.contains(".") || s.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
