package io.github.authstarter.session;

/**
 * Seals token values before they go into the session record in Redis and opens them when
 * it is read.
 */
public interface TokenCipher {

	/** Stores token values as they are, and reads only values stored that way. */
	TokenCipher NONE = new TokenCipher() {

		@Override
		public String seal(String value, String purpose) {
			return value;
		}

		@Override
		public String open(String stored, String purpose) {
			if (AesGcmTokenCipher.isSealed(stored)) {
				throw new IllegalArgumentException(
						"the session record holds encrypted tokens but no auth.session.encryption-key is set");
			}
			return stored;
		}

		@Override
		public boolean encrypts() {
			return false;
		}

	};

	/**
	 * Seals a token value.
	 * @param value the token
	 * @param purpose what the value is ({@code access_token}, ...), bound to it so sealed
	 * values cannot be swapped
	 * @return the stored form
	 */
	String seal(String value, String purpose);

	/**
	 * Opens a stored token value.
	 * @param stored the stored form
	 * @param purpose what the value is
	 * @return the token
	 * @throws IllegalArgumentException when it cannot be opened
	 */
	String open(String stored, String purpose);

	/**
	 * Whether stored values are encrypted.
	 * @return whether this cipher encrypts
	 */
	boolean encrypts();

}
