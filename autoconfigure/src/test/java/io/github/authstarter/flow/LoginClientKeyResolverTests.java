package io.github.authstarter.flow;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoginClientKeyResolver#remoteAddress()}: an IPv6 client is counted by
 * its /64, which it usually holds whole, an IPv4 client by its address.
 */
class LoginClientKeyResolverTests {

	private final LoginClientKeyResolver resolver = LoginClientKeyResolver.remoteAddress();

	@Test
	void remoteAddressWhenIpv6AddressesShareASlash64ThenOneKey() {
		assertThat(key("2001:db8:1:2::1")).isEqualTo(key("2001:db8:1:2:ffff:ffff:ffff:fffe"))
			.isEqualTo(key("2001:0DB8:0001:0002:0:0:0:7"))
			.isEqualTo("2001:db8:1:2::/64");
	}

	@Test
	void remoteAddressWhenIpv6AddressesInDifferentSlash64sThenDifferentKeys() {
		assertThat(key("2001:db8:1:2::1")).isNotEqualTo(key("2001:db8:1:3::1"));
		assertThat(key("2001:db8:1:2::1")).isNotEqualTo(key("2001:db9:1:2::1"));
	}

	@Test
	void remoteAddressWhenIpv4ThenTheFullAddress() {
		assertThat(key("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(key("192.0.2.8")).isEqualTo("192.0.2.8");
	}

	@Test
	void remoteAddressWhenIpv4MappedIpv6ThenTheIpv4Address() {
		// all of IPv4 maps into one /64 (::ffff:0:0/96): keyed by it, one client would
		// use up the cap of every IPv4 client behind a dual-stack socket
		assertThat(key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(key("0:0:0:0:0:ffff:c000:208")).isEqualTo("192.0.2.8");
		assertThat(key("[::ffff:192.0.2.7]")).isEqualTo("192.0.2.7");
	}

	@Test
	void remoteAddressWhenZoneIdThenIgnored() {
		assertThat(key("fe80::1%eth0")).isEqualTo(key("fe80::2%3"))
			.isEqualTo(key("fe80::3"))
			.isEqualTo("fe80:0:0:0::/64");
		assertThat(key("fe80::1%eth0")).isEqualTo(key("fe80::1%no-such-interface")).isEqualTo(key("fe80::1%"));
	}

	@Test
	void remoteAddressWhenMalformedThenTheTextItselfAndNoException() {
		List<String> malformed = List.of("", ":", "::::", "2001:db8::g", "1:2:3:4:5:6:7:8:9", "[", "[::1", "%",
				"unknown", "example.com", "ff:example.com", ".:1", "\uFF11\uFF12::1", "::ffff:999.0.0.1",
				"a".repeat(5000) + ":1");
		for (String address : malformed) {
			assertThat(key(address)).as("key of %s", address).isEqualTo(address);
		}
	}

	@Test
	void remoteAddressWhenNoRemoteAddressThenAnEmptyKey() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(null);
		assertThat(this.resolver.resolve(request)).isEmpty();
	}

	private String key(String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(remoteAddress);
		return this.resolver.resolve(request);
	}

}
