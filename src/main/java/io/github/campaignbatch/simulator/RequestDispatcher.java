package io.github.campaignbatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's only HTTP handler: reads the request, applies the configured latency, finds the route,
 * sends FOTA calls through the {@link FotaGate}, and writes the JSON answer.
 */
final class RequestDispatcher implements HttpHandler {

	private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

	/** Far above any real campaign request, small enough that a runaway client cannot exhaust the heap. */
	static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	private final List<Route> routes;
	private final FotaGate gate;
	private final long latencyMs;

	RequestDispatcher(List<Route> routes, FotaGate gate, long latencyMs) {
		this.routes = List.copyOf(routes);
		this.gate = gate;
		this.latencyMs = latencyMs;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		ApiResponse response;
		try {
			response = respond(exchange);
		}
		catch (ConnectionDrop drop) {
			// Leave the exchange unanswered: the server closes a connection whose handler throws.
			throw drop;
		}
		catch (ApiException rejected) {
			response = rejected.response();
		}
		catch (RuntimeException bug) {
			LOG.error("Simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), bug);
			response = ApiResponse.internalError();
		}
		try (exchange) {
			write(exchange, response);
		}
	}

	private ApiResponse respond(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			return ApiResponse.error(413, "PAYLOAD_TOO_LARGE", "Request body exceeds " + MAX_BODY_BYTES + " bytes");
		}
		pause();
		String rawPath = exchange.getRequestURI().getRawPath();
		boolean pathKnown = false;
		for (Route route : this.routes) {
			Matcher matcher = route.path().matcher(rawPath);
			if (!matcher.matches()) {
				continue;
			}
			pathKnown = true;
			if (!route.method().equals(exchange.getRequestMethod())) {
				continue;
			}
			SimRequest request = new SimRequest(exchange.getRequestMethod(), rawPath, pathParams(matcher),
					SimRequest.parseForm(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), body);
			route.onReceived().run();
			return route.fota() ? this.gate.pass(request, route.endpoint()) : route.endpoint().handle(request);
		}
		return pathKnown
				? ApiResponse.error(405, "METHOD_NOT_ALLOWED", exchange.getRequestMethod() + " is not supported on " + rawPath)
				: ApiResponse.error(404, "NOT_FOUND", "No resource at " + rawPath);
	}

	private void pause() {
		if (this.latencyMs <= 0) {
			return;
		}
		try {
			Thread.sleep(this.latencyMs);
		}
		catch (InterruptedException closing) {
			// Only a closing server interrupts its workers; nobody is left to answer.
			Thread.currentThread().interrupt();
			throw new ConnectionDrop();
		}
	}

	private static List<String> pathParams(Matcher matcher) {
		List<String> params = new ArrayList<>(matcher.groupCount());
		for (int group = 1; group <= matcher.groupCount(); group++) {
			params.add(SimRequest.decode(matcher.group(group)));
		}
		return params;
	}

	private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
		byte[] bytes = Json.MAPPER.writeValueAsBytes(response.body());
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		for (Map.Entry<String, String> header : response.headers().entrySet()) {
			exchange.getResponseHeaders().set(header.getKey(), header.getValue());
		}
		exchange.sendResponseHeaders(response.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
