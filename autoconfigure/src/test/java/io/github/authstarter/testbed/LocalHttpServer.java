package io.github.authstarter.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server of a test's own on a free loopback port (an API that records what
 * reaches it, a client's key set), answering on a few threads so concurrent calls are not
 * serialized.
 */
public final class LocalHttpServer {

	private LocalHttpServer() {
	}

	/**
	 * Starts a server that hands every path to the handler.
	 * @param handler the handler
	 * @return the started server; stop it when done
	 */
	public static HttpServer start(HttpHandler handler) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", handler);
			server.setExecutor(Executors.newFixedThreadPool(8, (task) -> {
				Thread thread = new Thread(task, "local-http-server");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
