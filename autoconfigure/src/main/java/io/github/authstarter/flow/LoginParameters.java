package io.github.authstarter.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ProviderApis;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Which per-login parameters each provider accepts from a login start, and whether their
 * values are acceptable: short, printable, and for {@code prompt}, {@code ui_locales} and
 * {@code max_age} of their defined form (OIDC Core 3.1.2.1). A parameter the provider
 * does not allow is left out; a value that is not acceptable refuses the login start.
 */
public final class LoginParameters {

	private static final int MAX_LENGTH = 256;

	private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account", "create");

	private static final Pattern LOCALES = Pattern.compile("[A-Za-z0-9-]{1,35}( [A-Za-z0-9-]{1,35})*");

	private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

	private final Map<String, Set<LoginParameter>> allowed;

	private final ProviderApis apis;

	/**
	 * Creates the rules.
	 * @param allowed the parameters each provider accepts, by registration id
	 */
	public LoginParameters(Map<String, Set<LoginParameter>> allowed) {
		this(allowed, new ProviderApis(List.of()));
	}

	/**
	 * Creates the rules.
	 * @param allowed the parameters each provider accepts, by registration id
	 * @param apis the providers' APIs, which a login start may ask consent for
	 * ({@code ?api=graph})
	 */
	public LoginParameters(Map<String, Set<LoginParameter>> allowed, ProviderApis apis) {
		// a view, not a copy: providers of a store are looked up at each use
		this.allowed = Collections.unmodifiableMap(allowed);
		this.apis = apis;
	}

	/**
	 * The API a login start asks the user to grant ({@code ?api=graph}, the link of a
	 * {@code consent_required} answer).
	 * @param registrationId the provider
	 * @param request the login start
	 * @return the API, or {@code null} when the start names none
	 * @throws InvalidLoginParameterException when it names an API the provider does not
	 * have
	 */
	public @Nullable ApiDefinition consentFor(String registrationId, HttpServletRequest request) {
		String name = request.getParameter("api");
		if (name == null) {
			return null;
		}
		ApiDefinition api = this.apis.find(registrationId, name);
		if (api == null) {
			throw new InvalidLoginParameterException("api", "must name an API configured for this provider");
		}
		return api;
	}

	/**
	 * The parameters of a login start to pass on to the provider.
	 * @param registrationId the provider
	 * @param request the login start
	 * @return the parameters, by name
	 * @throws InvalidLoginParameterException when an allowed parameter's value is not
	 * acceptable
	 */
	public Map<String, String> from(String registrationId, HttpServletRequest request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (LoginParameter parameter : this.allowed.getOrDefault(registrationId, Set.of())) {
			String value = request.getParameter(parameter.parameterName());
			if (value != null) {
				parameters.put(parameter.parameterName(), checked(parameter, value));
			}
		}
		return parameters;
	}

	private static String checked(LoginParameter parameter, String value) {
		String name = parameter.parameterName();
		if (value.isEmpty() || value.length() > MAX_LENGTH || !PRINTABLE.matcher(value).matches()) {
			throw new InvalidLoginParameterException(name,
					"must be 1 to " + MAX_LENGTH + " printable characters without line breaks");
		}
		switch (parameter) {
			case PROMPT -> {
				List<String> prompts = List.of(value.split(" "));
				if (!PROMPTS.containsAll(prompts) || (prompts.contains("none") && prompts.size() > 1)) {
					throw new InvalidLoginParameterException(name,
							"must be none, or any of login, consent, select_account, create, separated by spaces");
				}
			}
			case UI_LOCALES -> {
				if (!LOCALES.matcher(value).matches()) {
					throw new InvalidLoginParameterException(name,
							"must be language tags separated by spaces, such as \"de-CH en\"");
				}
			}
			case MAX_AGE -> {
				if (!value.matches("[0-9]{1,9}")) {
					throw new InvalidLoginParameterException(name, "must be a number of seconds");
				}
			}
			default -> {
			}
		}
		return value;
	}

}
