package io.github.authstarter.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Whether a response that brought a DPoP nonce refused the request for want of it (RFC
 * 9449 section 8 and 9): an authorization server's {@code 400} with error
 * {@code use_dpop_nonce} in its JSON body, a resource server's {@code 401} with it in
 * {@code WWW-Authenticate}. A {@code 400} body is read (at most 8 KiB) to tell; the
 * response handed back then reads the same bytes.
 *
 * @param demanded whether the nonce was demanded (the response is then closed)
 * @param response the response to hand on, when it was not
 */
record NonceDemand(boolean demanded, ClientHttpResponse response) {

	private static final int MAX_BODY = 8192;

	private static final String ERROR = "use_dpop_nonce";

	static NonceDemand of(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		if (status == 401) {
			String challenge = response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
			boolean demanded = challenge != null && challenge.contains(ERROR);
			if (demanded) {
				response.close();
			}
			return new NonceDemand(demanded, response);
		}
		if (status != 400) {
			return new NonceDemand(false, response);
		}
		byte[] body = response.getBody().readNBytes(MAX_BODY);
		if (new String(body, StandardCharsets.UTF_8).contains("\"" + ERROR + "\"")) {
			response.close();
			return new NonceDemand(true, response);
		}
		return new NonceDemand(false, new Buffered(response, body));
	}

	/** A response whose body was read: the bytes read, then what is left. */
	private record Buffered(ClientHttpResponse delegate, byte[] start) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.delegate.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.delegate.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.delegate.getHeaders();
		}

		@Override
		public InputStream getBody() throws IOException {
			return new SequenceInputStream(new ByteArrayInputStream(this.start), this.delegate.getBody());
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
