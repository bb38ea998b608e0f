package io.github.authstarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says what to do about client registrations the starter did not build.
 */
class ForeignRegistrationsFailureAnalyzer extends AbstractFailureAnalyzer<ForeignRegistrationsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ForeignRegistrationsException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
