package dev.scopeml.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The {@code upstream.conf} nginx includes: one server line per slot, written when the tier's
 * capacity changes, never when scorers come and go.
 */
final class UpstreamConfig {

  /**
   * One failure (a refused connect: an empty slot) takes a slot out for 2 s, for every worker: long
   * enough that an empty slot costs a refused connect every 2 s, not one per request; short enough
   * that a scorer filling it gets traffic soon after it opens its port.
   */
  static final String FAILURE_RULE = "max_fails=1 fail_timeout=2s";

  /** How long a newly filled slot may go without traffic: the fail_timeout above. */
  static final Duration FAIL_TIMEOUT = Duration.ofSeconds(2);

  private UpstreamConfig() {}

  /**
   * The upstream for {@code slots}.
   *
   * @param resolver a DNS resolver for slot names that only resolve while their container runs
   *     (compose), or null where slots are addresses (local)
   */
  static String render(List<Slot> slots, String resolver) {
    var lines =
        new StringBuilder(
            """
            # Written by the ScopeML tier controller: the tier's slots. A slot without a scorer
            # refuses connections and nginx passes the request on to the next slot.
            """);
    if (resolver != null) {
      lines.append("resolver ").append(resolver).append(";\n");
    }
    for (Slot slot : slots) {
      lines
          .append("server ")
          .append(slot.address())
          .append(resolver != null ? " resolve " : " ")
          .append(FAILURE_RULE)
          .append("; # slot ")
          .append(slot.index())
          .append('\n');
    }
    return lines.toString();
  }

  /** Replaces {@code file} atomically, so nginx never reads half of it. */
  static void write(Path file, List<Slot> slots, String resolver) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, render(slots, resolver));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
