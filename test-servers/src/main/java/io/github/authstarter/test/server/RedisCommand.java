package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one inline command to a loopback Redis and returns its reply (a status or error
 * line, or a bulk string's text), without a client library.
 */
final class RedisCommand {

	private RedisCommand() {
	}

	static String send(int port, String command) {
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
