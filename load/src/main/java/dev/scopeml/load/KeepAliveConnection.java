package dev.scopeml.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 keep-alive connection to 127.0.0.1, plain or TLS, sending pre-encoded requests one
 * at a time. It reconnects for the next request when the server closed it. A request whose reused
 * connection closed before answering is resent or failed as its {@link Resend} says.
 */
public final class KeepAliveConnection implements AutoCloseable {

  private final InetSocketAddress address;
  private final int timeoutMillis;
  private final Resend resend;
  private final SSLSocketFactory tls;
  private Socket socket;
  private OutputStream out;
  private HttpResponseReader reader;
  private long resent;

  /**
   * A connection for probes and one-off calls, where a resend changes no count: resends once.
   *
   * @param port the port on 127.0.0.1
   * @param timeoutMillis connect and read timeout
   */
  public KeepAliveConnection(int port, int timeoutMillis) {
    this(port, timeoutMillis, Resend.ONCE_AFTER_CLOSED_CONNECTION);
  }

  /**
   * @param port the port on 127.0.0.1
   * @param timeoutMillis connect and read timeout
   * @param resend what to do with a request its connection closed under
   */
  public KeepAliveConnection(int port, int timeoutMillis, Resend resend) {
    this(port, timeoutMillis, resend, null);
  }

  /**
   * @param port the port on 127.0.0.1
   * @param timeoutMillis connect and read timeout
   * @param resend what to do with a request its connection closed under
   * @param tls the TLS client to connect with, or null for plain HTTP
   */
  public KeepAliveConnection(int port, int timeoutMillis, Resend resend, SSLContext tls) {
    this.address = new InetSocketAddress("127.0.0.1", port);
    this.timeoutMillis = timeoutMillis;
    this.resend = resend;
    this.tls = tls == null ? null : tls.getSocketFactory();
  }

  /**
   * Sends {@code request} (a complete HTTP/1.1 request) and reads its response.
   *
   * @throws IOException if no complete response came (after the resend, if any)
   */
  public HttpAnswer send(byte[] request) throws IOException {
    boolean fresh = socket == null;
    try {
      return exchange(request);
    } catch (NoResponseException e) {
      close();
      // A fresh connection that closes at once is a refusal, not a retired idle connection.
      if (fresh || resend == Resend.NEVER) {
        throw e;
      }
      resent++;
      return exchange(request);
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** Requests sent a second time after their connection closed under them. */
  public long resent() {
    return resent;
  }

  private HttpAnswer exchange(byte[] request) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(address, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      if (tls != null) {
        // The handshake is part of connecting: a failure there is no reply to a request.
        var secure = (SSLSocket) tls.createSocket(socket, "localhost", address.getPort(), true);
        secure.startHandshake();
        socket = secure;
      }
      out = socket.getOutputStream();
      reader = new HttpResponseReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
    }
    try {
      out.write(request);
      out.flush();
    } catch (IOException e) {
      // Written into a connection the server had already closed: nothing of it was answered.
      throw new NoResponseException("connection closed before the request went out", e);
    }
    HttpAnswer answer = reader.read();
    if (answer.closes()) {
      close();
    }
    return answer;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing a broken connection has nothing left to report.
      }
      socket = null;
    }
  }
}
