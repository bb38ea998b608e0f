package io.github.authstarter.session.redis;

/**
 * The shape of the session ids this starter issues ({@code UuidSessionIdGenerator}: a
 * random UUID in its 36-character text form), so that a cookie which cannot be one of
 * them is refused before it costs a cache entry or a Redis read.
 */
final class SessionIds {

	private static final int LENGTH = 36;

	private SessionIds() {
	}

	/**
	 * Whether an id has the shape of one this store issues.
	 * @param id the id a request carries
	 * @return whether it could be ours: 8-4-4-4-12 hexadecimal digits
	 */
	static boolean couldBeIssued(String id) {
		if (id.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = id.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			// ASCII only: Character.digit also takes full-width and other Unicode digits
			boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (dash ? c != '-' : !hex) {
				return false;
			}
		}
		return true;
	}

}
