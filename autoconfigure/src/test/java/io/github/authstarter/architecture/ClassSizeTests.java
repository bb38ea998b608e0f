package io.github.authstarter.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small classes with one job, and bean methods that take a few collaborators: no source
 * file of the starter over {@value #MAX_LINES} lines and no bean method over
 * {@value #MAX_BEAN_PARAMETERS} parameters.
 */
class ClassSizeTests {

	private static final int MAX_LINES = 300;

	private static final int MAX_BEAN_PARAMETERS = 8;

	private static final Path SOURCES = Path.of("src/main/java");

	@Test
	void noSourceFileIsLongerThanTheLimit() throws IOException {
		Map<String, Integer> over = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> {
				int lines = lines(file);
				if (lines > MAX_LINES) {
					over.put(SOURCES.relativize(file).toString().replace('\\', '/'), lines);
				}
			});
		}
		assertThat(over).as("source files over %d lines", MAX_LINES).isEmpty();
	}

	@Test
	void noBeanMethodTakesMoreThanTheLimit() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.github.authstarter");
		Map<String, Integer> over = new TreeMap<>();
		classes.stream()
			.flatMap((type) -> type.getMethods().stream())
			.filter((method) -> method.isAnnotatedWith(Bean.class))
			.filter((method) -> method.getRawParameterTypes().size() > MAX_BEAN_PARAMETERS)
			.forEach((method) -> over.put(name(method), method.getRawParameterTypes().size()));
		assertThat(over).as("bean methods over %d parameters", MAX_BEAN_PARAMETERS).isEmpty();
	}

	private static String name(JavaMethod method) {
		return method.getOwner().getSimpleName() + "." + method.getName();
	}

	private static int lines(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return lines.size();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
