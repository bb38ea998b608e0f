package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one inline command to a loopback Redis and returns its reply (a status or error
 * line, or a bulk string's text), without a client library.
 */
public final class RedisCommand {

	private RedisCommand() {
	}

	/**
	 * Waits until the first replica of a master has received everything the master has
	 * written.
	 * @param masterPort the master's port
	 */
	static void awaitReplicated(int masterPort) {
		Pattern written = Pattern.compile("master_repl_offset:(\\d+)");
		Pattern received = Pattern.compile("slave0:[^\\r\\n]*offset=(\\d+)");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			String info = send(masterPort, "INFO replication");
			Matcher master = written.matcher(info);
			Matcher replica = received.matcher(info);
			if (master.find() && replica.find() && master.group(1).equals(replica.group(1))) {
				return;
			}
			pause();
		}
		throw new IllegalStateException("The replica of the Redis on port " + masterPort + " did not catch up");
	}

	/**
	 * Waits a moment between two polls.
	 */
	static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Sends one inline command and reads its reply.
	 * @param port the loopback port
	 * @param command the command line, such as {@code INFO replication}
	 * @return a status or error line, or a bulk string's text
	 */
	public static String send(int port, String command) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String line = readLine(in);
			if (line.startsWith("$") && !line.equals("$-1")) {
				// a bulk string: its length, then the text
				byte[] text = in.readNBytes(Integer.parseInt(line.substring(1)));
				return new String(text, StandardCharsets.UTF_8);
			}
			return line;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends inline commands on one connection, as one client, and reads a reply to each:
	 * for the commands whose meaning depends on the client, such as {@code WAIT} after a
	 * write.
	 * @param port the loopback port
	 * @param commands the command lines
	 * @return the replies, each a status, error or integer line or a bulk string's text
	 */
	public static List<String> sendAll(int port, String... commands) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			List<String> replies = new ArrayList<>();
			for (String command : commands) {
				out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
				String line = readLine(in);
				if (line.startsWith("$") && !line.equals("$-1")) {
					byte[] text = in.readNBytes(Integer.parseInt(line.substring(1)) + 2);
					replies.add(new String(text, 0, text.length - 2, StandardCharsets.UTF_8));
				}
				else {
					replies.add(line);
				}
			}
			return replies;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
