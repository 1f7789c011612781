package dev.scopeml.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

  private static HttpResponseReader reader(String bytes) {
    return new HttpResponseReader(
        new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void readsContentLengthResponsesBackToBack() throws IOException {
    var reader =
        reader(
            "HTTP/1.1 200 OK\r\nX-Model-Version: 3\r\nContent-Length: 2\r\n\r\n{}"
                + "HTTP/1.1 404 Not Found\r\ncontent-length: 5\r\nConnection: close\r\n\r\nnope!");
    HttpAnswer first = reader.read();
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("x-model-version")).isEqualTo("3");
    assertThat(first.text()).isEqualTo("{}");
    assertThat(first.closes()).isFalse();
    HttpAnswer second = reader.read();
    assertThat(second.status()).isEqualTo(404);
    assertThat(second.text()).isEqualTo("nope!");
    assertThat(second.closes()).isTrue();
  }

  @Test
  void joinsChunksAndSkipsTrailers() throws IOException {
    HttpAnswer answer =
        reader(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nA;ext=1\r\n, world!!!\r\n0\r\nTrailer: x\r\n\r\n")
            .read();
    assertThat(answer.text()).isEqualTo("hello, world!!!");
  }

  @Test
  void aClosedConnectionBeforeAnyByteIsNoResponse() {
    assertThatThrownBy(() -> reader("").read()).isInstanceOf(NoResponseException.class);
  }

  @Test
  void aConnectionClosedMidResponseIsAnError() {
    assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-").read())
        .isInstanceOf(EOFException.class)
        .isNotInstanceOf(NoResponseException.class);
  }

  @Test
  void refusesWhatIsNotHttp() {
    assertThatThrownBy(() -> reader("SSH-2.0-OpenSSH\r\n\r\n").read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("status line");
  }
}
