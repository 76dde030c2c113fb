package org.citydata.opendata.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address an anonymous request is counted by: X-Forwarded-For only from a trusted proxy, read from the right. */
class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        var addresses = new ClientAddress(List.of());
        assertThat(addresses.of("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheAddressItSawCountsNotWhatTheClientWrote() {
        var addresses = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.10"));
        assertThat(addresses.of("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // the client wrote a made-up address first; the proxy appended the real one
        assertThat(addresses.of("10.1.2.3", List.of("1.2.3.4, 198.51.100.1"))).isEqualTo("198.51.100.1");
        // two proxies, the inner one trusted too; several headers count as one list
        assertThat(addresses.of("10.1.2.3", List.of("1.2.3.4, 198.51.100.1", "192.0.2.10"))).isEqualTo("198.51.100.1");
        // a request straight from an untrusted peer is that peer, whatever it claims
        assertThat(addresses.of("198.51.100.9", List.of("10.1.2.3"))).isEqualTo("198.51.100.9");
        // garbage or a name in the header is not believed: the last trusted hop is as far as we know
        assertThat(addresses.of("10.1.2.3", List.of("evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(addresses.of("10.1.2.3", List.of("999.1.1.1"))).isEqualTo("10.1.2.3");
        assertThat(addresses.of("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        var addresses = new ClientAddress(List.of());
        assertThat(addresses.of("2001:db8:1:2:aaaa::1", List.of())).isEqualTo(addresses.of("2001:db8:1:2:bbbb::9", List.of()));
        assertThat(addresses.of("2001:db8:1:2::1", List.of())).isNotEqualTo(addresses.of("2001:db8:1:3::1", List.of()));
        assertThat(addresses.of("::ffff:198.51.100.1", List.of())).isEqualTo("198.51.100.1");
    }
}
