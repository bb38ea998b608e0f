package io.github.authstarter.benchmarks.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM of its own, started from the harness's class path with a main class, its output
 * appended to a log file: a kill is a real {@code SIGKILL}, a pause a real
 * {@code SIGSTOP}.
 */
final class JavaProcess {

	private static final Pattern HEAP_USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

	private final String name;

	private final List<String> command;

	private final Path log;

	private volatile Process process;

	private volatile boolean paused;

	private JavaProcess(String name, List<String> command, Path log) {
		this.name = name;
		this.command = command;
		this.log = log;
	}

	/**
	 * Starts a main class in a JVM of its own.
	 * @param name the name of its log file
	 * @param heap the {@code -Xmx} value, such as {@code 128m}
	 * @param mainClass the main class
	 * @param logs the log directory
	 * @param arguments the main method's arguments
	 * @return the running process
	 */
	static JavaProcess start(String name, String heap, Class<?> mainClass, Path logs, List<String> arguments) {
		List<String> command = new ArrayList<>(
				List.of(java(), "-Xmx" + heap, "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
						"-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(arguments);
		JavaProcess process = new JavaProcess(name, command, logs.resolve(name + ".log"));
		process.start();
		return process;
	}

	void start() {
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code kill -9}, and waits until it is gone. */
	void kill() {
		Process current = this.process;
		current.destroyForcibly();
		try {
			current.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * {@code SIGSTOP}: every thread stops where it is, a lock holder's lease renewal too.
	 */
	void pause() {
		this.paused = true;
		signal("STOP");
	}

	/** {@code SIGCONT}. */
	void resume() {
		signal("CONT");
		this.paused = false;
	}

	boolean paused() {
		return this.paused;
	}

	boolean alive() {
		return this.process.isAlive();
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	/**
	 * Runs a full collection in the process and reads its heap afterwards, with
	 * {@code jcmd}: what is still reachable, the figure a leak grows.
	 * @return the used heap after a full GC in KiB, or -1 when it could not be read
	 */
	long heapAfterGcKib() {
		try {
			run(jcmd(), String.valueOf(this.process.pid()), "GC.run");
			Matcher used = HEAP_USED.matcher(run(jcmd(), String.valueOf(this.process.pid()), "GC.heap_info"));
			long total = 0;
			boolean found = false;
			// Serial: "def new generation total NK, used NK" and "tenured generation ..."
			while (used.find()) {
				total += Long.parseLong(used.group(1));
				found = true;
			}
			return found ? total : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private void signal(String signal) {
		try {
			run("kill", "-" + signal, String.valueOf(this.process.pid()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String run(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor(30, TimeUnit.SECONDS);
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String jcmd() {
		return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
	}

}
