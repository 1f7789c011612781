package dev.scopeml.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One HTTP/1.1 keep-alive connection to 127.0.0.1, sending pre-encoded requests one at a time. It
 * reconnects when the server closed it, and sends a request once more on a fresh connection when
 * the old one closed before answering (a server retiring an idle keep-alive connection), counting
 * such resends.
 */
public final class KeepAliveConnection implements AutoCloseable {

  private final InetSocketAddress address;
  private final int timeoutMillis;
  private Socket socket;
  private OutputStream out;
  private HttpResponseReader reader;
  private long resent;

  /**
   * @param port the port on 127.0.0.1
   * @param timeoutMillis connect and read timeout
   */
  public KeepAliveConnection(int port, int timeoutMillis) {
    this.address = new InetSocketAddress("127.0.0.1", port);
    this.timeoutMillis = timeoutMillis;
  }

  /** Sends {@code request} (a complete HTTP/1.1 request) and reads its response. */
  public HttpAnswer send(byte[] request) throws IOException {
    boolean fresh = socket == null;
    try {
      return exchange(request);
    } catch (NoResponseException e) {
      close();
      if (fresh) {
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
      out = socket.getOutputStream();
      reader = new HttpResponseReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
    }
    out.write(request);
    out.flush();
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
