package io.github.authstarter.benchmarks.chaos;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authstarter.benchmarks.chaos.FaultWindow.Fault;
import io.github.authstarter.benchmarks.chaos.Ledger.Kind;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.RedisCommand;
import io.github.authstarter.token.SessionRefreshLock;

/**
 * Injects one fault at a time and records its window: from the moment it begins until the
 * system is whole again (the instance answers, the old master is back as replica, the
 * provider answers, the paused instance runs).
 */
final class FaultInjector {

	private static final Pattern MASTER_OFFSET = Pattern.compile("master_repl_offset:(\\d+)");

	private static final Pattern PROMOTED_AT = Pattern.compile("second_repl_offset:(\\d+)");

	private final ChaosSystem system;

	private final Ledger ledger;

	private final LoginWalk walk;

	private final HeapSamples heap;

	private final String probeUser;

	private int killed;

	FaultInjector(ChaosSystem system, Ledger ledger, HeapSamples heap, String probeUser) {
		this.system = system;
		this.ledger = ledger;
		this.heap = heap;
		this.walk = new LoginWalk(system, ledger);
		this.probeUser = probeUser;
	}

	void inject(Fault fault) {
		switch (fault) {
			case INSTANCE_KILLED -> killInstance();
			case REDIS_MASTER_KILLED -> killRedisMaster();
			case PROVIDER_STOPPED -> stopProvider();
			case INSTANCE_PAUSED -> pauseLockHolder();
		}
	}

	/**
	 * Kills instance 1 or 2 in turn (instance 0 lives through the run, so its heap covers
	 * all of it) and starts it again on its port.
	 */
	private void killInstance() {
		int instance = 1 + (this.killed++ % (ChaosSystem.INSTANCES - 1));
		double start = this.ledger.now();
		this.system.markDown(instance);
		this.system.app(instance).kill();
		this.heap.restarted(instance);
		this.system.restart(instance);
		this.ledger.fault(new FaultWindow(Fault.INSTANCE_KILLED, start, this.ledger.now(), "instance " + instance, 0));
	}

	/**
	 * Kills the Redis master the way a crash would, after taking two figures: how many
	 * replicas acknowledged every write made until then ({@code WAIT 1 1000} after a
	 * write of the harness's own), and the master's replication offset with writes paused
	 * for the instant of the kill, so that what the promoted replica lacks is exact: the
	 * bytes written to the master that the new master never had.
	 */
	private void killRedisMaster() {
		ChaosRedis redis = this.system.redis();
		int master = redis.masterToKill();
		int replica = redis.replicaOf(master);
		double start = this.ledger.now();
		List<String> waited = RedisCommand.sendAll(master, "SET " + redis.keyOn(master) + " 1", "WAIT 1 1000");
		List<String> paused = RedisCommand.sendAll(master, "CLIENT PAUSE 2000 WRITE", "INFO replication");
		redis.kill(master);
		double giveUp = start + 60;
		while (!RedisCommand.send(replica, "INFO replication").contains("role:master") && this.ledger.now() < giveUp) {
			ChaosSystem.sleep(100);
		}
		double promoted = this.ledger.now();
		long lost = lostBytes(paused.get(1), RedisCommand.send(replica, "INFO replication"));
		ChaosSystem.sleep(3000);
		redis.restartAsReplica(master, replica);
		this.ledger.fault(new FaultWindow(Fault.REDIS_MASTER_KILLED, start, this.ledger.now(),
				"port %d; WAIT 1 1000 answered %s; replica promoted after %.1f s".formatted(master,
						waited.get(1).replace(":", ""), promoted - start),
				lost));
	}

	/**
	 * The bytes the old master had written (its offset, writes paused) beyond the offset
	 * at which the replica was promoted ({@code second_repl_offset} - 1).
	 */
	private static long lostBytes(String oldMaster, String newMaster) {
		Matcher written = MASTER_OFFSET.matcher(oldMaster);
		Matcher promotedAt = PROMOTED_AT.matcher(newMaster);
		if (!written.find() || !promotedAt.find()) {
			return -1;
		}
		return Math.max(0, Long.parseLong(written.group(1)) - (Long.parseLong(promotedAt.group(1)) - 1));
	}

	private void stopProvider() {
		double start = this.ledger.now();
		this.system.control("POST", "/stop?seconds=10");
		ChaosSystem.sleep(10_000);
		while (!providerAnswers()) {
			ChaosSystem.sleep(200);
		}
		this.ledger.fault(new FaultWindow(Fault.PROVIDER_STOPPED, start, this.ledger.now(), "10 s", 0));
	}

	private boolean providerAnswers() {
		try (Browser browser = new Browser()) {
			return browser.get(this.system.issuer() + "/.well-known/openid-configuration").statusCode() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Makes an instance take a session's refresh lock (a forced refresh while the
	 * provider holds its token responses for 2 s, so the grant is in flight), stops that
	 * JVM while it holds the lock for 2 to 3.5 s, under the lock's 15 s lease, and lets
	 * it go on. Other instances must wait for it, never refresh in its place with the
	 * same refresh token; the probe user stays signed in.
	 */
	private void pauseLockHolder() {
		Browser probe = this.walk.signIn(this.probeUser, "probe logins");
		if (probe == null) {
			this.ledger.count("pauses skipped: the probe could not sign in");
			return;
		}
		List<Integer> up = this.system.upInstances();
		int instance = up.get(ThreadLocalRandom.current().nextInt(up.size()));
		String lock = "auth:refresh-lock:"
				+ new String(Base64.getDecoder().decode(probe.cookie("SESSION")), StandardCharsets.UTF_8);
		double start = this.ledger.now();
		this.system.control("POST", "/delay?millis=2000");
		CompletableFuture<HttpResponse<String>> refresh = CompletableFuture
			.supplyAsync(() -> this.walk.send(probe, instance, "POST", "/auth/refresh", true));
		boolean held = awaitHeld(lock);
		// under the apps' 5 s read timeout (auth.http.read-timeout), which runs on the
		// wall
		// clock through a stop: a longer pause loses the grant's answer as a timeout
		// does,
		// the case docs/how-to/refresh-and-logout.md says no client can save (the
		// 40-minute run of 2026-12-07, with 3 to 5 s, saw it once in five pauses)
		long pause = 2000 + ThreadLocalRandom.current().nextLong(1500);
		String detail = "instance %d for %.1f s".formatted(instance, pause / 1000.0);
		CompletableFuture<HttpResponse<String>> competing = CompletableFuture.completedFuture(null);
		if (held) {
			this.system.app(instance).pause();
			// another instance asked to refresh the same session meanwhile must wait for
			// the paused holder, never present the refresh token it is spending
			int other = this.system.upInstances().stream().filter((i) -> i != instance).findFirst().orElse(instance);
			competing = CompletableFuture
				.supplyAsync(() -> this.walk.send(probe, other, "POST", "/auth/refresh", true));
			ChaosSystem.sleep(pause);
			this.system.app(instance).resume();
		}
		else {
			detail += "; the lock was not seen held, paused nothing";
			this.ledger.count("pauses without a held lock");
		}
		this.system.control("POST", "/delay?millis=0");
		HttpResponse<String> refreshed = refresh.join();
		HttpResponse<String> waited = competing.join();
		if (waited != null && waited.statusCode() == 401) {
			this.ledger.event(Kind.SESSION_LOST, this.probeUser + ": the refresh that waited for the paused holder");
		}
		this.ledger.fault(new FaultWindow(Fault.INSTANCE_PAUSED, start, this.ledger.now(), detail, 0));
		if (refreshed != null && refreshed.statusCode() == 401) {
			this.ledger.event(Kind.SESSION_LOST, this.probeUser + ": the paused refresh signed the probe out");
		}
		HttpResponse<String> after = this.walk.send(probe, this.system.anyUp(), "GET", "/auth/user", true);
		if (after != null && after.statusCode() == 401) {
			this.ledger.event(Kind.SESSION_LOST, this.probeUser + ": signed out after the pause");
		}
		this.ledger.count("probe checks");
		probe.close();
	}

	private boolean awaitHeld(String lock) {
		for (int i = 0; i < 60; i++) {
			String value = this.system.redis().sendToOwner("GET " + lock);
			// an error reply (a node loading, a cluster mid-failover) says nothing of the
			// lock
			if (!value.startsWith("$-1") && !value.startsWith("-") && !value.equals(SessionRefreshLock.RELEASED)
					&& !value.isEmpty()) {
				return true;
			}
			ChaosSystem.sleep(50);
		}
		return false;
	}

}
