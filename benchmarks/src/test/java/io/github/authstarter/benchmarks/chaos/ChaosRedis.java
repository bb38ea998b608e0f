package io.github.authstarter.benchmarks.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.authstarter.test.server.RedisCommand;

/**
 * The Redis the soak runs on, as the faults see it: Sentinel (one master) or Cluster
 * (three masters), each node a {@code redis-server} process that can be killed and
 * brought back.
 */
interface ChaosRedis extends AutoCloseable {

	/**
	 * The Spring properties that point an instance at this Redis.
	 * @return the properties
	 */
	Map<String, Object> properties();

	/**
	 * The master the next master kill takes down.
	 * @return its port
	 */
	int masterToKill();

	/**
	 * The replica that takes over from a master once it is killed.
	 * @param master the master's port
	 * @return the replica's port
	 */
	int replicaOf(int master);

	/**
	 * A key on a master, for a write of the harness's own that {@code WAIT} can follow.
	 * @param master the master's port
	 * @return a key the master serves
	 */
	String keyOn(int master);

	/**
	 * Kills a node ({@code SIGKILL}), as a crash would.
	 * @param port the node's port
	 */
	void kill(int port);

	/**
	 * Brings a killed master back, empty, as a replica of the one that took over (on
	 * Sentinel once the sentinel asked names that one master), and waits until it
	 * replicates.
	 * @param port the node's port
	 * @param successor the replica that took over
	 */
	void restartAsReplica(int port, int successor);

	/**
	 * Every data node's port.
	 * @return the ports
	 */
	List<Integer> nodePorts();

	/**
	 * A command answered by the node that serves its key.
	 * @param command the command, its key second
	 * @return the reply as {@link RedisCommand#send} gives it
	 */
	String sendToOwner(String command);

	@Override
	void close();

	/**
	 * Waits until a node is a replica in sync with its master.
	 * @param port the node's port
	 */
	static void awaitReplicating(int port) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			String info = RedisCommand.send(port, "INFO replication");
			if (info.contains("role:slave") && info.contains("master_link_status:up")) {
				return;
			}
			ChaosSystem.sleep(100);
		}
		throw new IllegalStateException("the node on port " + port + " did not become a replica in sync");
	}

}
