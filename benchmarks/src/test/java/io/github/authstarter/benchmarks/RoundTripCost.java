package io.github.authstarter.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a signed-in request's wait for Redis costs its own thread: the samples under the
 * starter frame that waits (the session read, or the session cache's read barrier), by
 * what the thread was doing in the JDK, the driver or the kernel. It tells the price of a
 * round trip apart from the work of the starter around it.
 *
 * @param microsPerRequest CPU per request in each part, in µs
 */
record RoundTripCost(Map<String, Double> microsPerRequest) {

	/**
	 * The parts, each recognised by a frame in the stack; the first that matches wins.
	 */
	private static final Map<String, List<String>> PARTS = parts();

	static RoundTripCost read(List<String> collapsed, String waitingFrame, long requests, long sampleMicros) {
		Map<String, Long> samples = new LinkedHashMap<>();
		PARTS.keySet().forEach((part) -> samples.put(part, 0L));
		samples.put("the rest: futures, the driver's bookkeeping, reading the reply", 0L);
		for (String line : collapsed) {
			int space = line.lastIndexOf(' ');
			if (space < 0 || !line.contains("org.apache.catalina.connector.CoyoteAdapter.service")) {
				continue;
			}
			String stack = line.substring(0, space);
			int waiting = stack.lastIndexOf(waitingFrame);
			if (waiting < 0) {
				continue;
			}
			String below = stack.substring(waiting);
			long count = Long.parseLong(line.substring(space + 1).strip());
			String part = PARTS.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().stream().anyMatch(below::contains))
				.map(Map.Entry::getKey)
				.findFirst()
				.orElse("the rest: futures, the driver's bookkeeping, reading the reply");
			samples.merge(part, count, Long::sum);
		}
		Map<String, Double> micros = new LinkedHashMap<>();
		samples.forEach((part, count) -> micros.put(part, count * (double) sampleMicros / Math.max(1, requests)));
		return new RoundTripCost(micros);
	}

	/**
	 * The section of {@code PROFILE.md} that compares the waits.
	 * @param waits each wait, by the name of its column
	 * @return the section in Markdown
	 */
	static String table(Map<String, RoundTripCost> waits) {
		StringBuilder out = new StringBuilder("## A signed-in request's wait for Redis\n\n")
			.append("CPU per signed-in request in its own thread under the starter frame that waits for Redis ")
			.append("(`SessionHashReader.read` without the cache, `ReadBarrier.await` with it), by what the ")
			.append("thread was doing. Sending, parking and waking are the price of any round trip a request ")
			.append("waits for, whatever the command.\n\n| µs of CPU per request |");
		waits.keySet().forEach((name) -> out.append(' ').append(name).append(" |"));
		out.append("\n|---|").append("---|".repeat(waits.size())).append('\n');
		RoundTripCost first = waits.values().iterator().next();
		for (String part : first.microsPerRequest().keySet()) {
			out.append("| ").append(part).append(" |");
			waits.values()
				.forEach((cost) -> out
					.append(String.format(" %.2f |", cost.microsPerRequest().getOrDefault(part, 0.0))));
			out.append('\n');
		}
		out.append("| all of the wait |");
		waits.values().forEach((cost) -> out.append(String.format(" %.2f |", cost.total())));
		return out.append("\n\n").toString();
	}

	double total() {
		return this.microsPerRequest.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	private static Map<String, List<String>> parts() {
		Map<String, List<String>> parts = new LinkedHashMap<>();
		parts.put("parsing the session's values (the starter)", List.of("PlainJsonRedisSerializer"));
		parts.put("sending the command (socket write, waking the event loop)",
				List.of("RedisChannelHandler.dispatch", "writeAndFlush"));
		parts.put("waking the other requests the reply serves", List.of("Unsafe_Unpark"));
		parts.put("parking until the reply is in", List.of("Unsafe_Park", "LockSupport.park"));
		return parts;
	}

}
