package io.github.campaignbatch.thingspace;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK HTTP clients of this process: one per connect timeout (in practice one), made on first use and
 * shared by every {@link ThingSpaceClient} for the life of the process.
 * <p>
 * A {@code schedule} service starts a fresh application context, hence a fresh {@link ThingSpaceClient}, at
 * every busy tick. Each JDK client owns a selector thread, its file descriptors and a connection pool, and
 * Java 17 offers no way to close one: it lingers until the garbage collector finds it (a service was seen
 * at 28 file descriptors and seven selector threads after 20 minutes). Sharing one client keeps that at one
 * thread and one pool whatever the number of ticks; the process's exit releases it. Everything that differs
 * between {@link ThingSpaceClient}s (base URL, read timeout, credentials, rate limit) is per request or per
 * {@link HttpTransport}, not per JDK client.
 */
final class SharedHttpClients {

	private static final Map<Duration, HttpClient> BY_CONNECT_TIMEOUT = new ConcurrentHashMap<>();

	private SharedHttpClients() {
	}

	/**
	 * HTTP/1.1 keeps "was the request sent?" simple to answer, and redirects are never followed so a
	 * credential-carrying request cannot be replayed to another place. TLS uses the JDK defaults: the
	 * certificate is always verified.
	 */
	static HttpClient withConnectTimeout(Duration connectTimeout) {
		return BY_CONNECT_TIMEOUT.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(timeout)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build());
	}
}
