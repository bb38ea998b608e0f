package io.github.authstarter.http;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every text of the starter's pages and error messages, in the request's language: the
 * application's own {@code messages*.properties} first (any key it defines wins), then
 * the starter's bundle ({@code io/github/authstarter/http/messages}, English, German,
 * French, Spanish and Japanese). The language is the first of the browser's
 * {@code Accept-Language} that is among the configured ones, else English: a bounded set,
 * so anonymous headers cannot grow the message caches.
 */
public final class PageTexts {

	/** The languages shipped with the starter. */
	public static final List<String> SHIPPED = List.of("en", "de", "fr", "es", "ja");

	private static final Log logger = LogFactory.getLog(PageTexts.class);

	private static final String ATTRIBUTE = PageTexts.class.getName();

	private static final String LOCALE = PageTexts.class.getName() + ".locale";

	private static final Object[] NO_ARGUMENTS = { "" };

	/**
	 * How many of the browser's languages are looked at, so a long header costs little.
	 */
	private static final int LANGUAGES_READ = 8;

	/** The starter's texts alone, without the application's or its providers' names. */
	public static final PageTexts STARTER_ONLY = new PageTexts(null, SHIPPED, (id) -> null);

	private final ResourceBundleMessageSource starter;

	private final @Nullable MessageSource application;

	private final List<String> languages;

	private final Function<String, @Nullable String> displayNames;

	/**
	 * Creates the texts.
	 * @param application the application's messages, or {@code null}
	 * @param languages the languages pages may be shown in (lower-case ISO 639 codes);
	 * others are shown in English
	 * @param displayNames the display name of a configured provider id, or {@code null}
	 */
	public PageTexts(@Nullable MessageSource application, List<String> languages,
			Function<String, @Nullable String> displayNames) {
		this.starter = new ResourceBundleMessageSource();
		this.starter.setBasename("io.github.authstarter.http.messages");
		this.starter.setDefaultEncoding("UTF-8");
		// never the server's language for a browser that asked for none we have
		this.starter.setFallbackToSystemLocale(false);
		this.starter.setAlwaysUseMessageFormat(true);
		this.application = application;
		this.languages = List.copyOf(languages);
		this.displayNames = displayNames;
	}

	/**
	 * The texts for a request: the ones the starter's first filter gave it, else the
	 * starter's own (a request refused before any filter ran).
	 * @param request the request
	 * @return the texts
	 */
	public static PageTexts of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof PageTexts texts) ? texts : STARTER_ONLY;
	}

	/**
	 * Gives the request these texts, for every page or error it may answer with.
	 * @param request the request
	 */
	public void attach(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	/**
	 * The language of the request's pages.
	 * @param request the request
	 * @return a locale of one of the configured languages, English when none matches
	 */
	public Locale locale(HttpServletRequest request) {
		if (request.getAttribute(LOCALE) instanceof Locale chosen) {
			return chosen;
		}
		String header = request.getHeader("Accept-Language");
		// without the header the servlet container answers with the server's locale,
		// and with too many languages it throws: the header is read here, bounded
		String language = (header != null) ? firstConfigured(header) : null;
		Locale chosen = (language != null) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
		request.setAttribute(LOCALE, chosen);
		return chosen;
	}

	/**
	 * The first of the header's languages, by quality, that is configured.
	 * @param header the {@code Accept-Language} header
	 * @return the language, or {@code null}
	 */
	private @Nullable String firstConfigured(String header) {
		String best = null;
		double bestQuality = 0;
		String[] ranges = header.split(",", LANGUAGES_READ + 1);
		for (int i = 0; i < Math.min(ranges.length, LANGUAGES_READ); i++) {
			String[] parts = ranges[i].split(";");
			if (parts.length == 0) {
				// ";" alone: nothing to read
				continue;
			}
			String tag = parts[0].strip().toLowerCase(Locale.ROOT);
			int dash = tag.indexOf('-');
			String language = (dash > 0) ? tag.substring(0, dash) : tag;
			double quality = quality(parts);
			if (quality > bestQuality && this.languages.contains(language)) {
				best = language;
				bestQuality = quality;
			}
		}
		return best;
	}

	private static double quality(String[] parameters) {
		for (int i = 1; i < parameters.length; i++) {
			String parameter = parameters[i].strip();
			if (parameter.startsWith("q=")) {
				try {
					double quality = Double.parseDouble(parameter.substring(2));
					return (quality >= 0 && quality <= 1) ? quality : 0;
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 1;
	}

	/**
	 * The value of the page's {@code lang} attribute.
	 * @param request the request
	 * @return the language code
	 */
	public String lang(HttpServletRequest request) {
		// the language the texts are in: a configured language without texts is English
		String lang = text(request, "auth.page.lang");
		return lang.matches("[a-z]{2,3}") ? lang : "en";
	}

	/**
	 * A text in the request's language.
	 * @param request the request
	 * @param code the message code, such as {@code auth.page.sign-in}
	 * @param args the message's arguments
	 * @return the text
	 */
	public String text(HttpServletRequest request, String code, Object... args) {
		String text = find(request, code, args);
		return (text != null) ? text : code;
	}

	/**
	 * A text in the request's language, if any bundle has it.
	 * @param request the request
	 * @param code the message code
	 * @param args the message's arguments
	 * @return the text, or {@code null}
	 */
	public @Nullable String find(HttpServletRequest request, String code, Object... args) {
		Locale locale = locale(request);
		if (this.application != null) {
			try {
				// never no arguments: Spring would then skip MessageFormat, and '' would
				// mean one apostrophe in some texts and two in others
				String own = this.application.getMessage(code, (args.length > 0) ? args : NO_ARGUMENTS, null, locale);
				// an application that uses codes as default messages answers with the
				// code
				if (own != null && !own.equals(code)) {
					return own;
				}
			}
			catch (IllegalArgumentException ex) {
				// a text that is no MessageFormat: checked at startup, so only one
				// changed since, and the starter's text serves meanwhile
				logger.warn("The application's text " + code + " (" + locale + ") is not a valid MessageFormat: "
						+ ex.getMessage());
			}
		}
		return this.starter.getMessage(code, args, null, locale);
	}

	/**
	 * Checks that every text of the starter that the application overrides, in every
	 * configured language, is a message the pages can format.
	 * @throws IllegalStateException naming the first key that is not
	 */
	public void validate() {
		if (this.application == null) {
			return;
		}
		Object[] args = { "A", "B", "C", "D", "E" };
		for (String language : this.languages) {
			Locale locale = Locale.forLanguageTag(language);
			ResourceBundle bundle = ResourceBundle.getBundle("io.github.authstarter.http.messages", Locale.ROOT);
			for (String code : bundle.keySet()) {
				try {
					this.application.getMessage(code, args, null, locale);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException("The application's text " + code + " for language '" + language
							+ "' is not a valid MessageFormat (" + ex.getMessage()
							+ "): write {0} for an argument and '' for an apostrophe", ex);
				}
			}
		}
	}

	/**
	 * How a sentence names a provider: by the display name of a configured one, never by
	 * an id taken from the request, which anyone can put in a link they send.
	 * @param request the request
	 * @param provider the provider id, or {@code null}
	 * @return "The sign-in provider Google", or "The sign-in provider" for an id that is
	 * not configured, in the request's language
	 */
	public String provider(HttpServletRequest request, @Nullable String provider) {
		String name = displayName(provider);
		return (name != null) ? text(request, "auth.provider.named", name) : text(request, "auth.provider.unnamed");
	}

	/**
	 * The display name of a configured provider.
	 * @param provider the provider id, or {@code null}
	 * @return the name, or {@code null} when no such provider is configured
	 */
	public @Nullable String displayName(@Nullable String provider) {
		return (provider != null) ? this.displayNames.apply(provider) : null;
	}

}
