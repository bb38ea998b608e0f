package io.github.authstarter.user;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controller methods take {@link CurrentUser} as a parameter, instead of Spring MVC
 * trying to bind it as a model attribute.
 */
public final class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

	private final CurrentUser currentUser;

	/**
	 * Creates the resolver.
	 * @param currentUser the current user bean
	 */
	public CurrentUserArgumentResolver(CurrentUser currentUser) {
		this.currentUser = currentUser;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return CurrentUser.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return this.currentUser;
	}

}
