package dev.scopeml.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The {@code upstream.conf} nginx includes: one server line per backend. */
final class UpstreamConfig {

  private UpstreamConfig() {}

  static String render(List<Backend> backends) {
    var lines = new StringBuilder("# Written by the ScopeML tier controller.\n");
    if (backends.isEmpty()) {
      // nginx refuses an empty upstream; a server marked down keeps the config valid.
      lines.append("server 127.0.0.1:9 down;\n");
    }
    for (Backend backend : backends) {
      // One failure takes a backend out for 2 s: long enough to stop retrying a dead scorer,
      // short enough to take back one that only hiccuped.
      lines
          .append("server ")
          .append(backend.address())
          .append(" max_fails=1 fail_timeout=2s; # ")
          .append(backend.id())
          .append(' ')
          .append(backend.version())
          .append('\n');
    }
    return lines.toString();
  }

  /** Replaces {@code file} atomically, so nginx never reads half of it. */
  static void write(Path file, List<Backend> backends) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, render(backends));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
