package io.github.authstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.authstarter.http.PageTexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errors reference ({@code docs/reference/errors.md}) lists every {@code error} code
 * the starter can answer, and nothing else: the codes are read from the sources where
 * errors are made (an {@code AuthError}, a callback failure, a problem written directly,
 * a refresh that cannot complete).
 */
class ErrorsReferenceTests {

	private static final Pattern CODE = Pattern.compile("\"([a-z]+(?:_[a-z]+)+)\"");

	/** Where a code is given: the call, and which of its arguments is the code. */
	private static final List<Call> CALLS = List.of(new Call("new AuthError(", 1), new Call("new Failure(", 1),
			new Call("JsonResponses.problem(", 2), new Call("new TokenRefreshUnavailableException(", 1),
			new Call("this.error = ", -1));

	@Test
	void theErrorsReferenceListsEveryCodeTheCodeAnswersAndNothingElse() throws IOException {
		Set<String> answered = answeredCodes();
		Set<String> documented = documentedCodes();
		assertThat(answered).as("codes found in the sources").hasSizeGreaterThan(25);
		assertThat(documented).as("codes in docs/reference/errors.md").containsAll(answered);
		assertThat(answered).as("codes the errors reference lists that nothing answers").containsAll(documented);
	}

	@Test
	void everyCodeHasAMessageInEveryShippedLanguageAndEveryLanguageTheSameTexts() throws IOException {
		Properties english = bundle("");
		for (String code : documentedCodes()) {
			assertThat(english).as("auth.error.%s in messages.properties", code).containsKey("auth.error." + code);
		}
		for (String language : PageTexts.SHIPPED) {
			Properties texts = bundle(language.equals("en") ? "" : "_" + language);
			assertThat(texts.keySet()).as("the keys of messages_%s", language)
				.containsExactlyInAnyOrderElementsOf(english.keySet());
			assertThat(texts.getProperty("auth.page.lang")).isEqualTo(language);
			texts.forEach((key, text) -> {
				// every text goes through MessageFormat: a lone apostrophe would vanish
				assertThat(text.toString()).as("%s in messages_%s", key, language)
					.doesNotContainPattern("(?<!')'(?!')");
				assertThat(new MessageFormat(text.toString()).format(new Object[] { "A", "B", "C", "D", "E" }))
					.doesNotContain("{");
			});
		}
	}

	private static Properties bundle(String suffix) throws IOException {
		Properties texts = new Properties();
		try (InputStream in = PageTexts.class.getResourceAsStream("messages" + suffix + ".properties")) {
			assertThat(in).as("messages%s.properties", suffix).isNotNull();
			texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return texts;
	}

	private static Set<String> documentedCodes() throws IOException {
		String reference = Files.readString(Path.of("..", "docs", "reference", "errors.md"));
		Set<String> codes = new TreeSet<>();
		for (String line : reference.split("\n")) {
			if (line.startsWith("| `")) {
				Matcher code = Pattern.compile("`([a-z]+(?:_[a-z]+)+)`").matcher(line.split("\\|")[1]);
				while (code.find()) {
					codes.add(code.group(1));
				}
			}
		}
		return codes;
	}

	private static Set<String> answeredCodes() throws IOException {
		Set<String> codes = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				for (Call call : CALLS) {
					for (String argument : call.arguments(source)) {
						Matcher code = CODE.matcher(argument);
						while (code.find()) {
							codes.add(code.group(1));
						}
					}
				}
			}
		}
		return codes;
	}

	/**
	 * A call that names an error code.
	 *
	 * @param prefix the text that starts the call
	 * @param index the argument that holds the code, or {@code -1} for the expression up
	 * to the end of the statement
	 */
	private record Call(String prefix, int index) {

		List<String> arguments(String source) {
			List<String> found = new ArrayList<>();
			int at = source.indexOf(this.prefix);
			while (at >= 0) {
				int from = at + this.prefix.length();
				String rest = (this.index < 0) ? source.substring(from, source.indexOf(';', from))
						: argument(source, from, this.index);
				if (rest != null) {
					found.add(rest);
				}
				at = source.indexOf(this.prefix, from);
			}
			return found;
		}

		/**
		 * The argument at {@code index} of the call whose arguments start at
		 * {@code from}.
		 */
		private static String argument(String source, int from, int index) {
			int depth = 0;
			int argument = 0;
			StringBuilder current = new StringBuilder();
			for (int i = from; i < source.length(); i++) {
				char c = source.charAt(i);
				if (c == '"') {
					int close = i + 1;
					while (source.charAt(close) != '"') {
						close += (source.charAt(close) == '\\') ? 2 : 1;
					}
					current.append(source, i, close + 1);
					i = close;
					continue;
				}
				if (depth == 0 && (c == ',' || c == ')')) {
					if (argument == index) {
						return current.toString();
					}
					if (c == ')') {
						return null;
					}
					argument++;
					current.setLength(0);
					continue;
				}
				if (c == '(' || c == '[' || c == '{') {
					depth++;
				}
				else if (c == ')' || c == ']' || c == '}') {
					depth--;
				}
				current.append(c);
			}
			return null;
		}

	}

}
