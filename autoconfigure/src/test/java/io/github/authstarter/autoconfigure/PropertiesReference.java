package io.github.authstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

/**
 * Writes {@code docs/reference/properties.md}: the global properties from the
 * configuration metadata, and the per-provider keys (which the metadata cannot list,
 * being values of a map) from the property classes, their descriptions from the fields'
 * Javadoc as the configuration processor reads it.
 */
final class PropertiesReference {

	private static final Pattern FIELD = Pattern.compile(
			"/\\*\\*(?<doc>(?:(?!\\*/).)*?)\\*/\\s*private\\s+(?:final\\s+)?(?:@Nullable\\s+)?[\\w<>,.?@ ]+?\\s+(?<name>\\w+)\\s*[=;]",
			Pattern.DOTALL);

	private final Path sources;

	PropertiesReference(Path sources) {
		this.sources = sources;
	}

	String markdown() throws IOException {
		StringBuilder page = new StringBuilder();
		page.append("# Properties\n\n");
		page.append("Every property of the starter, with its type, its default and what it does. This page is\n");
		page.append("generated from the code (`PropertiesReferenceTests` fails when it is stale): change the\n");
		page.append("Javadoc of the property, then run\n");
		page.append("`./mvnw -pl autoconfigure test -Dtest=PropertiesReferenceTests -Dreference.write=true`.\n");
		Map<String, List<Map<String, Object>>> byTopic = new TreeMap<>();
		for (Map<String, Object> property : metadata()) {
			String name = (String) property.get("name");
			if (name.equals("auth.providers")) {
				continue;
			}
			String topic = name.split("\\.")[1];
			byTopic.computeIfAbsent(topic, (key) -> new ArrayList<>()).add(property);
		}
		page.append("\n## Providers: `auth.providers.<id>.*`\n\n");
		page.append("One entry per provider; `<id>` is its registration id, in the login path\n");
		page.append("(`/auth/login/<id>`) and the redirect URI (`/login/oauth2/code/<id>`).\n\n");
		header(page);
		provider(page, "auth.providers.<id>.", AuthProviderProperties.class);
		for (Map.Entry<String, List<Map<String, Object>>> topic : byTopic.entrySet()) {
			page.append("\n## `auth.").append(topic.getKey()).append(".*`\n\n");
			header(page);
			topic.getValue()
				.stream()
				.sorted((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")))
				.forEach((property) -> row(page, (String) property.get("name"), type((String) property.get("type")),
						value(property.get("defaultValue")), (String) property.get("description")));
		}
		return page.toString();
	}

	private static void header(StringBuilder page) {
		page.append("| property | type | default | description |\n|---|---|---|---|\n");
	}

	private static void row(StringBuilder page, String name, String type, String defaultValue, String description) {
		page.append("| `")
			.append(name)
			.append("` | ")
			.append(type)
			.append(" | ")
			.append(defaultValue.isEmpty() ? "" : "`" + defaultValue + "`")
			.append(" | ")
			.append((description != null) ? description.replaceAll("\\{@code\\s+([^}]*)}", "`$1`").replace("|", "\\|")
					: "")
			.append(" |\n");
	}

	private void provider(StringBuilder page, String prefix, Class<?> type) throws IOException {
		Object defaults = newInstance(type);
		for (Class<?> declaring : hierarchy(type)) {
			Map<String, String> docs = javadoc(declaring);
			for (Field field : declaring.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				String name = kebab(field.getName());
				String doc = docs.get(field.getName());
				Class<?> fieldType = field.getType();
				if (fieldType.getPackageName().equals(type.getPackageName()) && !fieldType.isEnum()) {
					provider(page, prefix + name + ".", fieldType);
				}
				else if (Map.class.isAssignableFrom(fieldType) && mapValue(field) instanceof Class<?> value
						&& value.getPackageName().equals(type.getPackageName())) {
					provider(page, prefix + name + ".<name>.", value);
				}
				else if (Map.class.isAssignableFrom(fieldType)) {
					row(page, prefix + name + ".*", "map", "", doc);
				}
				else {
					row(page, prefix + name, simpleType(field), value(read(field, defaults)), doc);
				}
			}
		}
	}

	private static List<Class<?>> hierarchy(Class<?> type) {
		List<Class<?>> classes = new ArrayList<>();
		for (Class<?> current = type; current != Object.class; current = current.getSuperclass()) {
			classes.add(current);
		}
		Collections.reverse(classes);
		return classes;
	}

	private Map<String, String> javadoc(Class<?> type) throws IOException {
		String source = Files.readString(this.sources.resolve(type.getName().replace('.', '/') + ".java"));
		Map<String, String> docs = new LinkedHashMap<>();
		Matcher matcher = FIELD.matcher(source);
		while (matcher.find()) {
			String doc = matcher.group("doc")
				.lines()
				.map((line) -> line.replaceFirst("^\\s*\\*\\s?", "").strip())
				.filter((line) -> !line.isEmpty())
				.collect(Collectors.joining(" "))
				.replaceAll("\\{@code ([^}]*)}", "`$1`")
				.replaceAll("\\{@code\\s+([^}]*)}", "`$1`")
				.replaceAll("\\{@link(?:plain)? ([^}]*)}", "`$1`");
			docs.put(matcher.group("name"), doc);
		}
		return docs;
	}

	private static Type mapValue(Field field) {
		return (field.getGenericType() instanceof ParameterizedType map) ? map.getActualTypeArguments()[1]
				: Object.class;
	}

	private static String simpleType(Field field) {
		Type generic = field.getGenericType();
		if (generic instanceof ParameterizedType parameterized) {
			return ((Class<?>) parameterized.getRawType()).getSimpleName() + "<" + List
				.of(parameterized.getActualTypeArguments())
				.stream()
				.map((argument) -> (argument instanceof Class<?> c) ? c.getSimpleName() : argument.getTypeName())
				.collect(Collectors.joining(", ")) + ">";
		}
		return field.getType().getSimpleName();
	}

	private static String type(String type) {
		if (type == null) {
			return "";
		}
		return type.replaceAll("[\\w.]+\\.(\\w+)", "$1").replace("$", ".");
	}

	private static Object read(Field field, Object instance) {
		try {
			field.setAccessible(true);
			return field.get(instance);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object newInstance(Class<?> type) {
		try {
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor.newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String value(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Duration duration) {
			for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
				if (!duration.isZero() && duration.toMillis() % unit.getDuration().toMillis() == 0) {
					return DurationStyle.SIMPLE.print(duration, unit);
				}
			}
			return DurationStyle.SIMPLE.print(duration);
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
		if (value instanceof Collection<?> values) {
			return values.stream().map(PropertiesReference::value).collect(Collectors.joining(","));
		}
		if (value instanceof Map<?, ?> map) {
			return map.isEmpty() ? "" : map.toString();
		}
		return value.toString();
	}

	static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> metadata() throws IOException {
		List<Map<String, Object>> properties = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		for (URL url : Collections.list(PropertiesReference.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				Map<String, Object> metadata = json.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8),
						Map.class);
				for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
					if (((String) property.get("name")).startsWith("auth.")) {
						properties.add(property);
					}
				}
			}
		}
		return properties;
	}

}
