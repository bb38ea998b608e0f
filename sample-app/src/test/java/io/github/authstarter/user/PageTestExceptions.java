package io.github.authstarter.user;

/**
 * The exceptions behind pages a real flow cannot reach with the test provider: the
 * step-up a provider cannot prove (GitHub, Google, Entra and Apple cannot, and none of
 * them is reachable from a test). Test sources only.
 */
public final class PageTestExceptions {

	private PageTestExceptions() {
	}

	/**
	 * A step-up the user's provider cannot prove.
	 * @param provider the provider id
	 * @return the exception the starter answers with its step-up page
	 */
	public static RuntimeException stepUpUnsupported(String provider) {
		return new StepUpUnsupportedException(provider);
	}

}
