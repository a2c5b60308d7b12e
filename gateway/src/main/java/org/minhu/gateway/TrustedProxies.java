package org.minhu.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who called, as far as the gateway can tell: the socket's peer, unless that peer is one of
 * {@code minhu.gateway.trusted-proxies}. Then {@code X-Forwarded-For} is read from the right (each
 * proxy appends the address it saw) past every trusted proxy; the first address that is not one is
 * the client. A client's own {@code X-Forwarded-For} entries are to the left of that and never
 * believed. {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} likewise count only from a
 * trusted peer; they make the public origin that {@code Location} and {@code Link} are rewritten to.
 */
@ApplicationScoped
public class TrustedProxies {

    /**
     * What the gateway decided about a request's origin. {@code viaTrustedProxy}: the socket's peer is
     * one of the trusted proxies, so the {@code Forwarded}/{@code X-Forwarded-*} headers it sent count.
     */
    public record Origin(String clientAddress, String scheme, String host, boolean viaTrustedProxy) {
        /** {@code https://minhu.example.gov.cn}, or null when the request named no host. */
        String publicOrigin() {
            return host == null ? null : scheme + "://" + host;
        }
    }

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Cidr(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Cidr> trusted = new ArrayList<>();

    @Inject
    public TrustedProxies(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    /** {@code entries}: CIDRs or single addresses, as in {@code minhu.gateway.trusted-proxies}. */
    TrustedProxies(List<String> entries) {
        for (String entry : entries) {
            if (!entry.isBlank()) {
                trusted.add(parse(entry.trim()));
            }
        }
    }

    /** A CIDR or a single address; names are refused, since resolving them would make trust depend on DNS. */
    static Cidr parse(String entry) {
        int slash = entry.indexOf('/');
        byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("minhu.gateway.trusted-proxies: '" + entry + "' is not an IP address or CIDR");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("minhu.gateway.trusted-proxies: '" + entry + "' has an invalid prefix length");
            }
        }
        return new Cidr(address, bits);
    }

    /** The bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 addresses as IPv4), or null if it is none. */
    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("[") && s.contains("]")) {
            s = s.substring(1, s.indexOf(']'));
        } else if (IPV4.matcher(s.replaceFirst(":[0-9]{1,5}$", "")).matches()) {
            s = s.replaceFirst(":[0-9]{1,5}$", "");
        }
        if (!(IPV4.matcher(s).matches() || (s.contains(":") && IPV6.matcher(s).matches()))) {
            return null;
        }
        try {
            // a literal only (checked above): no name lookup
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean trusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    public Origin resolve(HttpServerRequest req) {
        String peer = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        String host = req.authority() == null ? null : req.authority().toString();
        return resolve(peer, req.scheme(), host, req.headers().getAll("X-Forwarded-For"),
                req.headers().getAll("X-Forwarded-Proto"), req.headers().getAll("X-Forwarded-Host"));
    }

    /**
     * The rule itself, on the request's parts: {@code peer} the socket's peer address, {@code scheme}
     * and {@code host} the request's own, and the values of each {@code X-Forwarded-*} header as received.
     */
    Origin resolve(String peer, String scheme, String host, List<String> forwardedFor, List<String> forwardedProto,
                   List<String> forwardedHost) {
        if (!trusted(peer)) {
            return new Origin(peer, scheme, validHost(host), false);
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = literal(hops.get(i));
            if (hop == null) {
                break; // garbage where a trusted proxy should have written an address: the last good hop stands
            }
            client = InetAddressText.of(hop);
            if (!trusted.stream().anyMatch(c -> c.contains(hop))) {
                break;
            }
        }
        String proto = last(forwardedProto);
        String publicScheme = "http".equalsIgnoreCase(proto) || "https".equalsIgnoreCase(proto) ? proto.toLowerCase() : scheme;
        String publicHost = validHost(last(forwardedHost));
        return new Origin(client, publicScheme, publicHost != null ? publicHost : validHost(host), true);
    }

    private static String last(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String[] parts = values.get(values.size() - 1).split(",");
        return parts[parts.length - 1].trim();
    }

    private static String validHost(String host) {
        return host != null && HOST.matcher(host).matches() ? host : null;
    }

    /** An address's usual text form. */
    static final class InetAddressText {
        private InetAddressText() {
        }

        static String of(byte[] address) {
            try {
                return InetAddress.getByAddress(address).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
