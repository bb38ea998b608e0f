package io.github.authstarter.benchmarks.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.github.authstarter.benchmarks.chaos.FaultWindow.Fault;

/**
 * The chaos soak: {@code users} virtual users against three instances, Redis with
 * Sentinel and the provider, each its own process, while faults are injected one after
 * another with jitter; then every invariant is judged and the figures written.
 */
public final class ChaosSoak {

	private final Options options;

	private ChaosSoak(Options options) {
		this.options = options;
	}

	/**
	 * Runs the soak.
	 * @param options how long, how many users, where the output goes
	 * @return the verdict, with the figures
	 */
	public static Verdict run(Options options) {
		return new ChaosSoak(options).run();
	}

	private Verdict run() {
		Path logs = this.options.output().resolve("logs");
		try {
			// the logs of an earlier run would be scanned, and counted, again
			if (Files.isDirectory(logs)) {
				try (Stream<Path> old = Files.list(logs)) {
					for (Path log : old.toList()) {
						Files.delete(log);
					}
				}
			}
			Files.createDirectories(logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int seconds = this.options.seconds();
		// the last user is the fault injector's probe
		try (ChaosSystem system = ChaosSystem.start(logs, this.options.users() + 1, this.options.cluster())) {
			Ledger ledger = new Ledger(seconds + 600, this.options.warmUpSeconds());
			AtomicBoolean running = new AtomicBoolean(true);
			List<Thread> users = new ArrayList<>();
			ExecutorService calls = Executors.newFixedThreadPool(Math.max(8, this.options.users()));
			for (int i = 0; i < this.options.users(); i++) {
				users.add(daemon("virtual-user-" + i, new VirtualUser(ChaosProvider.username(i), system, ledger,
						running::get, calls, this.options.thinkMillis())));
			}
			HeapSamples heap = new HeapSamples(ChaosSystem.INSTANCES);
			Thread sampler = daemon("heap-sampler", () -> sample(system, heap, ledger, running));
			faults(system, ledger, heap);
			while (ledger.now() < seconds) {
				ChaosSystem.sleep(200);
			}
			running.set(false);
			for (Thread user : users) {
				join(user);
			}
			join(sampler);
			calls.shutdownNow();
			double elapsed = ledger.now();
			writeEvents(ledger);
			return Verdict.judge(this.options, ledger, heap, system.providerStats(),
					CutOffGrants.of(system.providerReuses(), ledger), system.downstream(),
					LogScan.of(logs, ledger.sessions()), elapsed);
		}
	}

	/**
	 * Every fault in turn after the warm-up, each once in a smoke, then in a loop with
	 * jitter until too little time is left for another.
	 */
	private void faults(ChaosSystem system, Ledger ledger, HeapSamples heap) {
		FaultInjector injector = new FaultInjector(system, ledger, heap, ChaosProvider.username(this.options.users()));
		ChaosSystem.sleep(this.options.warmUpSeconds() * 1000L);
		Fault[] order = Fault.values();
		for (int i = 0; ledger.now() < this.options.seconds() - this.options.spacingSeconds(); i++) {
			injector.inject(order[i % order.length]);
			long jitter = ThreadLocalRandom.current().nextLong(this.options.spacingSeconds() * 500L + 1);
			ChaosSystem.sleep(this.options.spacingSeconds() * 750L + jitter);
		}
	}

	private void sample(ChaosSystem system, HeapSamples heap, Ledger ledger, AtomicBoolean running) {
		while (running.get()) {
			ChaosSystem.sleep(this.options.heapSampleSeconds() * 1000L);
			for (int instance : system.upInstances()) {
				JavaProcess app = system.app(instance);
				if (app.alive() && !app.paused()) {
					heap.add(instance, ledger.now(), app.heapAfterGcKib());
				}
			}
		}
	}

	/** Every event but the 503s, for whoever reads why an invariant broke. */
	private void writeEvents(Ledger ledger) {
		StringBuilder text = new StringBuilder();
		for (Ledger.Event event : ledger.events()) {
			if (event.kind() != Ledger.Kind.UNAVAILABLE) {
				text.append("%8.2f %s %s%n".formatted(event.second(), event.kind(), event.what()));
			}
		}
		for (FaultWindow window : ledger.faults()) {
			text.append("%8.2f %s until %.2f: %s%n".formatted(window.start(), window.kind(), window.end(),
					window.detail()));
		}
		try {
			Files.writeString(this.options.output().resolve("events.txt"), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void join(Thread thread) {
		try {
			thread.join(60_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What to run.
	 *
	 * @param seconds how long the load runs
	 * @param users how many virtual users
	 * @param warmUpSeconds how long before the first fault
	 * @param spacingSeconds the mean time between two faults (each takes its own time
	 * besides)
	 * @param heapSampleSeconds how often each instance's heap is read
	 * @param thinkMillis a user's mean think time between two actions
	 * @param output where logs, the plot and the figures go
	 * @param cluster whether Redis is a Cluster (three masters with a replica each)
	 * rather than Sentinel
	 */
	public record Options(int seconds, int users, int warmUpSeconds, int spacingSeconds, int heapSampleSeconds,
			long thinkMillis, Path output, boolean cluster) {

		/**
		 * The soak: {@code minutes} of load, a fault about every 90 s, users thinking 3
		 * to 9 s between actions (200 of them keep two cores about as busy as the smoke's
		 * 40 quick ones).
		 */
		public static Options soak(double minutes, int users, Path output) {
			return new Options((int) Math.round(minutes * 60), users, 60, 90, 30, 6000, output, false);
		}

		/** The smoke in {@code ./mvnw verify}: 90 s, every fault once, quick users. */
		public static Options smoke(int users, Path output) {
			return new Options(90, users, 10, 4, 15, 1250, output, false);
		}

		/**
		 * The same on Redis Cluster instead of Sentinel.
		 * @return these options on Redis Cluster
		 */
		public Options onCluster() {
			return new Options(this.seconds, this.users, this.warmUpSeconds, this.spacingSeconds,
					this.heapSampleSeconds, this.thinkMillis, this.output, true);
		}

	}

}
