package io.github.authstarter.web;

import java.util.function.Consumer;

import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.ResponseMode;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Adds a provider's static authorization parameters and its response mode to each
 * authorization request.
 */
final class ProviderAuthorizationRequestCustomizer implements Consumer<OAuth2AuthorizationRequest.Builder> {

	private final ProviderRegistrations registrations;

	ProviderAuthorizationRequestCustomizer(ProviderRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public void accept(OAuth2AuthorizationRequest.Builder builder) {
		String[] registrationId = new String[1];
		builder.attributes(
				(attributes) -> registrationId[0] = (String) attributes.get(OAuth2ParameterNames.REGISTRATION_ID));
		ProviderDefinition definition = (registrationId[0] != null) ? this.registrations.definition(registrationId[0])
				: null;
		if (definition == null) {
			return;
		}
		builder.additionalParameters((parameters) -> {
			parameters.putAll(definition.authorizationParameters());
			if (definition.responseMode() != ResponseMode.QUERY) {
				parameters.put("response_mode", definition.responseMode().parameterValue());
			}
		});
	}

}
