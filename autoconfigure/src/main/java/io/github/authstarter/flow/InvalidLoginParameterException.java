package io.github.authstarter.flow;

/**
 * A login start carried a parameter for the provider whose value is not acceptable.
 */
public final class InvalidLoginParameterException extends RuntimeException {

	private final String parameter;

	InvalidLoginParameterException(String parameter, String problem) {
		super("The sign-in parameter '" + parameter + "' " + problem + ".", null, false, false);
		this.parameter = parameter;
	}

	/**
	 * The parameter that was refused.
	 * @return its name, such as {@code prompt}
	 */
	public String parameter() {
		return this.parameter;
	}

}
