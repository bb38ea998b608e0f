package io.github.authstarter.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request on one of the application's API paths, seen as asking for JSON whatever its
 * {@code Accept} says: an API path answers JSON and never redirects, even to a browser
 * that happened to call it directly.
 */
final class JsonOnlyRequest extends HttpServletRequestWrapper {

	private JsonOnlyRequest(HttpServletRequest request) {
		super(request);
	}

	/**
	 * The request as every error answer should see it: the one decision of "is this an
	 * API request" for the starter's error paths.
	 * @param request the request
	 * @param paths the endpoints and API paths
	 * @return the request, asking for JSON when its path is an API path
	 */
	static HttpServletRequest onApiPaths(HttpServletRequest request, AuthPaths paths) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return (paths.isApi(path) && !(request instanceof JsonOnlyRequest)) ? new JsonOnlyRequest(request) : request;
	}

	/**
	 * The request of one of the starter's JSON endpoints, which answer JSON whatever the
	 * client accepts.
	 * @param request the request
	 * @return the request, asking for JSON
	 */
	static HttpServletRequest always(HttpServletRequest request) {
		return (request instanceof JsonOnlyRequest) ? request : new JsonOnlyRequest(request);
	}

	@Override
	public String getHeader(String name) {
		return "Accept".equalsIgnoreCase(name) ? "application/json" : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(List.of("application/json"))
				: super.getHeaders(name);
	}

}
