package dev.scopeml.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Flow;

/**
 * Counts an upload's bytes as the HTTP client takes them and shows a progress bar on stderr for a
 * file large enough to take a while: on a terminal one line redrawn at most every half second,
 * otherwise a line per tenth.
 */
final class UploadProgress {

  /** Smaller files go up in well under a second on any link worth using. */
  private static final long SHOWN_FROM_BYTES = 8L << 20;

  private static final long REDRAW_NANOS = 500_000_000L;

  private final Path file;
  private final long size;
  private final PrintWriter err;
  private final boolean terminal = System.console() != null;
  private long sent;
  private long drawnAt;
  private long drawnTenth = -1;

  UploadProgress(Path file, long size, PrintWriter err) {
    this.file = file;
    this.size = size;
    this.err = err;
  }

  /** A subscriber that counts what passes to {@code downstream} on its way to the socket. */
  Flow.Subscriber<ByteBuffer> counting(Flow.Subscriber<? super ByteBuffer> downstream) {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        downstream.onSubscribe(subscription);
      }

      @Override
      public void onNext(ByteBuffer item) {
        sent(item.remaining());
        downstream.onNext(item);
      }

      @Override
      public void onError(Throwable throwable) {
        downstream.onError(throwable);
      }

      @Override
      public void onComplete() {
        done();
        downstream.onComplete();
      }
    };
  }

  private synchronized void sent(long bytes) {
    sent += bytes;
    if (size < SHOWN_FROM_BYTES) {
      return;
    }
    long now = System.nanoTime();
    long tenth = sent * 10 / size;
    if (terminal ? now - drawnAt >= REDRAW_NANOS : tenth > drawnTenth) {
      drawnAt = now;
      drawnTenth = tenth;
      draw(terminal ? "\r" : "", terminal ? "" : "\n");
    }
  }

  private synchronized void done() {
    if (size >= SHOWN_FROM_BYTES && terminal) {
      draw("\r", "\n");
    }
  }

  private void draw(String before, String after) {
    err.printf(
        "%suploading %s %s %,.1f/%,.1f MB%s",
        before, file.getFileName(), ProgressBar.of(sent, size), sent / 1e6, size / 1e6, after);
    err.flush();
  }
}
