package io.github.campaignbatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a real server (here: the job's database), which a test can cut at any
 * moment: every open connection is reset and new ones are refused, as when a database host goes away.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile boolean cut;

	private TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + this.listener.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Relays 127.0.0.1:{@link #port()} to 127.0.0.1:{@code targetPort}. */
	public static TcpProxy to(int targetPort) throws IOException {
		return new TcpProxy(targetPort);
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** How many connections were relayed so far. */
	public int connections() {
		return this.connections.get();
	}

	/** Resets every relayed connection and refuses new ones from now on. */
	public void cut() {
		this.cut = true;
		closeQuietly(this.listener);
		for (Socket socket : this.sockets) {
			try {
				socket.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				// already closed
			}
			closeQuietly(socket);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private void accept() {
		while (!this.cut) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(server);
				this.connections.incrementAndGet();
				pump(client, server);
				pump(server, client);
				if (this.cut) {
					closeQuietly(client);
					closeQuietly(server);
				}
			}
			catch (IOException ex) {
				// listener closed by cut(), or the target refused: the client sees its connection fail
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side went away: the other follows below
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing left to do
		}
	}
}
