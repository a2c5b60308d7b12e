package org.minhu.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code minhu.gateway.trusted-proxies} and the client address it yields, on plain values: no Quarkus. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"));

    private TrustedProxies.Origin resolve(String peer, String xff) {
        return proxies.resolve(peer, "http", "gw.example:8080", xff == null ? List.of() : List.of(xff), List.of(), List.of());
    }

    @Test
    void cidrsAndSingleAddressesOfBothFamiliesAreTrustedAndNothingElse() {
        assertThat(proxies.trusted("10.255.1.2")).isTrue();
        assertThat(proxies.trusted("11.0.0.1")).isFalse();
        assertThat(proxies.trusted("192.0.2.7")).isTrue();
        assertThat(proxies.trusted("192.0.2.8")).isFalse();
        assertThat(proxies.trusted("2001:db8:1::5")).isTrue();
        assertThat(proxies.trusted("2001:db9::5")).isFalse();
        // an IPv4-mapped IPv6 address is the IPv4 address
        assertThat(proxies.trusted("::ffff:10.1.2.3")).isTrue();
        // names are never resolved, so never trusted
        assertThat(proxies.trusted("localhost")).isFalse();
        assertThat(proxies.trusted(null)).isFalse();
    }

    @Test
    void prefixLengthsAreHonouredToTheBit() {
        TrustedProxies p = new TrustedProxies(List.of("172.16.0.0/12"));
        assertThat(p.trusted("172.31.255.255")).isTrue();
        assertThat(p.trusted("172.32.0.0")).isFalse();
        assertThat(new TrustedProxies(List.of("0.0.0.0/0")).trusted("203.0.113.1")).isTrue();
    }

    @Test
    void invalidEntriesAreRefusedAtStartNotIgnored() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.internal"))).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/x"))).hasMessageContaining("prefix length");
        assertThat(new TrustedProxies(List.of(" ", "")).trusted("10.0.0.1")).isFalse();
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        TrustedProxies.Origin o = proxies.resolve("203.0.113.5", "http", "gw.example:8080", List.of("198.51.100.1"),
                List.of("https"), List.of("evil.example"));
        assertThat(o.clientAddress()).isEqualTo("203.0.113.5");
        assertThat(o.viaTrustedProxy()).isFalse();
        assertThat(o.publicOrigin()).isEqualTo("http://gw.example:8080");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostUntrustedHop() {
        // the client forged 1.1.1.1; the outer proxy 192.0.2.7 saw 203.0.113.9, the inner one 10.0.0.3 saw the outer
        TrustedProxies.Origin o = resolve("10.0.0.4", "1.1.1.1, 203.0.113.9, 192.0.2.7, 10.0.0.3");
        assertThat(o.clientAddress()).isEqualTo("203.0.113.9");
        assertThat(o.viaTrustedProxy()).isTrue();
        // several header lines count as one list, in order
        assertThat(proxies.resolve("10.0.0.4", "http", null, List.of("1.1.1.1", "203.0.113.9"), List.of(), List.of()).clientAddress())
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyWithoutForwardedForIsItselfTheClientAndGarbageStopsTheWalk() {
        assertThat(resolve("10.0.0.4", null).clientAddress()).isEqualTo("10.0.0.4");
        assertThat(resolve("10.0.0.4", "203.0.113.9, not-an-address").clientAddress()).isEqualTo("10.0.0.4");
        assertThat(resolve("10.0.0.4", "garbage, 203.0.113.9").clientAddress()).isEqualTo("203.0.113.9");
        // every hop trusted: the left-most one is as far as can be seen
        assertThat(resolve("10.0.0.4", "10.9.9.9, 10.0.0.3").clientAddress()).isEqualTo("10.9.9.9");
    }

    @Test
    void aTrustedProxysProtoAndHostMakeThePublicOriginIfValid() {
        TrustedProxies.Origin o = proxies.resolve("10.0.0.4", "http", "gw.internal:8080", List.of("203.0.113.9"),
                List.of("https"), List.of("minhu.example.gov.cn"));
        assertThat(o.publicOrigin()).isEqualTo("https://minhu.example.gov.cn");
        // an unknown scheme or an invalid host are ignored, the request's own stand
        TrustedProxies.Origin odd = proxies.resolve("10.0.0.4", "http", "gw.internal:8080", List.of("203.0.113.9"),
                List.of("gopher"), List.of("evil.example/path"));
        assertThat(odd.publicOrigin()).isEqualTo("http://gw.internal:8080");
        // with no host at all, no public origin (relative URIs)
        assertThat(proxies.resolve("203.0.113.5", "http", null, List.of(), List.of(), List.of()).publicOrigin()).isNull();
    }

    @Test
    void literalsAreParsedWithoutLookupsIncludingPortsAndBrackets() {
        assertThat(TrustedProxies.literal("203.0.113.9:4711")).containsExactly(203, 0, 113, 9);
        assertThat(TrustedProxies.literal("[2001:db8::1]:443")).hasSize(16);
        assertThat(TrustedProxies.literal("example.com")).isNull();
        assertThat(TrustedProxies.literal("999.1.1.1")).isNull();
    }
}
