package io.github.authstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.tenant.ProviderSource;
import io.github.authstarter.tenant.StoredProvider;
import io.github.authstarter.testbed.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StoredProviders}.
 */
class StoredProvidersTests {

	private final CountingSource source = new CountingSource();

	private final MutableClock clock = new MutableClock();

	private final StoredProviders providers = new StoredProviders(this.source,
			new StoredProviderCompiler(new AuthProperties(), this.clock), this.clock, Duration.ofSeconds(30));

	@Test
	void madeUpIdsNeverReadTheStore() {
		this.source.put(provider("acme", 1));
		for (int i = 0; i < 1000; i++) {
			assertThat(this.providers.find("made-up-" + i)).isNull();
		}
		assertThat(this.source.summaryReads).isEqualTo(1);
		assertThat(this.source.finds).isZero();
	}

	@Test
	void providerIsCompiledOnceUntilItsVersionMoves() {
		this.source.put(provider("acme", 1));
		assertThat(this.providers.find("acme")).isNotNull();
		assertThat(this.providers.find("acme")).isSameAs(this.providers.find("acme"));
		assertThat(this.source.finds).isEqualTo(1);
		this.source
			.put(provider("acme", 2).withSettings(Map.of("issuer-uri", "https://new.example", "client-id", "c")));
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.providers.find("acme").definition().discoveryLocation()).isEqualTo("https://new.example");
		assertThat(this.source.finds).isEqualTo(2);
	}

	@Test
	void announcedChangeIsSeenAtOnce() {
		this.source.put(provider("acme", 1));
		assertThat(this.providers.active("acme")).isNotNull();
		this.source.put(provider("acme", 2).withEnabled(false));
		this.providers.accept("acme");
		assertThat(this.providers.active("acme")).isNull();
		assertThat(this.providers.ended("acme")).isTrue();
		this.source.remove("acme");
		this.providers.accept("acme");
		assertThat(this.providers.ended("acme")).isTrue();
		assertThat(this.providers.find("acme")).isNull();
		this.source.put(provider("globex", 3));
		this.providers.accept("globex");
		assertThat(this.providers.active("globex")).isNotNull();
	}

	@Test
	void providerDisabledByHandWithoutANewVersionIsRefusedAtTheNextSummaryRead() {
		this.source.put(provider("acme", 1));
		assertThat(this.providers.active("acme")).isNotNull();
		this.source.put(provider("acme", 1).withEnabled(false));
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.providers.active("acme")).isNull();
		assertThat(this.providers.ended("acme")).isTrue();
	}

	@Test
	void disableAnnouncedWhileEveryProviderIsReadAgainIsNotUndone() {
		this.source.put(provider("acme", 1));
		assertThat(this.providers.active("acme")).isNotNull();
		// the full read took its snapshot before the change; the change is announced
		// before the read is done
		this.source.duringSummaries = () -> {
			this.source.put(provider("acme", 2).withEnabled(false));
			this.providers.accept("acme");
		};
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.providers.active("acme")).isNull();
		assertThat(this.providers.ended("acme")).isTrue();
	}

	@Test
	void providerAddedAgainWithALowerVersionIsTakenWhenAnnouncedAndNeverLoops() {
		this.source.put(provider("acme", 50));
		assertThat(this.providers.active("acme")).isNotNull();
		// removed and added again by an instance whose clock is behind
		this.source
			.put(provider("acme", 7).withSettings(Map.of("issuer-uri", "https://again.example", "client-id", "c")));
		assertThat(this.providers.find("acme").definition().discoveryLocation()).isEqualTo("https://acme.example");
		this.providers.accept("acme");
		assertThat(this.providers.find("acme").definition().discoveryLocation()).isEqualTo("https://again.example");
	}

	@Test
	void readerThatFindsAnOlderVersionThanHeldServesWhatIsHeldWithoutLooping() {
		this.source.put(provider("acme", 5));
		assertThat(this.providers.find("acme")).isNotNull();
		// the summaries read again say 9, but the store answers 5 when the provider is
		// read
		this.source.put(provider("acme", 9));
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.providers.ended("acme")).isFalse();
		this.source.put(provider("acme", 5));
		assertThat(this.providers.find("acme")).isNull();
		assertThat(this.source.finds).isLessThan(5);
	}

	@Test
	void tenantOfAProviderIsKnownWithoutReadingIt() {
		this.source.put(new StoredProvider("acme", "acme-corp", true, Map.of(), 1));
		assertThat(this.providers.tenantOf("acme")).isEqualTo("acme-corp");
		assertThat(this.providers.tenantOf("made-up")).isNull();
		assertThat(this.source.finds).isZero();
	}

	@Test
	void definitionThatNoLongerCompilesRefusesLoginsAndIsNotReadAgainAndAgain() {
		this.source.put(provider("acme", 1).withSettings(Map.of("issuer-uri", "https://a.example")));
		assertThat(this.providers.find("acme")).isNull();
		assertThat(this.providers.find("acme")).isNull();
		assertThat(this.source.finds).isEqualTo(1);
	}

	@Test
	void storeDownAfterTheFirstReadKeepsTheProvidersKnown() {
		this.source.put(provider("acme", 1));
		assertThat(this.providers.active("acme")).isNotNull();
		this.source.down = true;
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.providers.active("acme")).isNotNull();
	}

	@Test
	void storeDownAtFirstUseMakesItsProvidersUnavailableButEndsNoSession() {
		this.source.put(provider("acme", 1));
		this.source.down = true;
		assertThatExceptionOfType(ProviderUnavailableException.class).isThrownBy(() -> this.providers.active("acme"));
		assertThat(this.providers.ended("acme")).isFalse();
		// nor is a login start for it counted as one for a provider held
		assertThat(this.providers.holds("acme")).isFalse();
		this.source.down = false;
		// a failed first read is the answer for a second: requests do not queue to retry
		assertThatExceptionOfType(ProviderUnavailableException.class).isThrownBy(() -> this.providers.active("acme"));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.providers.active("acme")).isNotNull();
		assertThat(this.providers.holds("acme")).isTrue();
		assertThat(this.providers.ended("acme")).isFalse();
	}

	private static StoredProvider provider(String id, long version) {
		return new StoredProvider(id, null, true, Map.of("issuer-uri", "https://" + id + ".example", "client-id", "c"),
				version);
	}

	private static final class CountingSource implements ProviderSource {

		private final Map<String, StoredProvider> providers = new LinkedHashMap<>();

		private int finds;

		private int summaryReads;

		private boolean down;

		private Runnable duringSummaries;

		void put(StoredProvider provider) {
			this.providers.put(provider.id(), provider);
		}

		void remove(String id) {
			this.providers.remove(id);
		}

		@Override
		public @Nullable StoredProvider find(String id) {
			this.finds++;
			return this.providers.get(id);
		}

		@Override
		public List<StoredProvider.Summary> summaries() {
			if (this.down) {
				throw new IllegalStateException("store down");
			}
			this.summaryReads++;
			List<StoredProvider.Summary> summaries = new ArrayList<>();
			this.providers.values().forEach((provider) -> summaries.add(provider.summary()));
			Runnable during = this.duringSummaries;
			this.duringSummaries = null;
			if (during != null) {
				during.run();
			}
			return summaries;
		}

	}

}
