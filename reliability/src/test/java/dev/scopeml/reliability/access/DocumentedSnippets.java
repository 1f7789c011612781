package dev.scopeml.reliability.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx blocks {@code RELIABILITY.md} documents, each marked {@code <!-- snippet: name -->}
 * before its fenced code block, read from the file so that what is tested is what is documented.
 */
final class DocumentedSnippets {

  private static final Path DOCUMENT = Path.of("..", "RELIABILITY.md");

  private final String text;

  private DocumentedSnippets(String text) {
    this.text = text;
  }

  static DocumentedSnippets read() {
    try {
      return new DocumentedSnippets(Files.readString(DOCUMENT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
    }
  }

  /** The code of snippet {@code name}. */
  String get(String name) {
    Matcher matcher =
        Pattern.compile(
                "<!-- snippet: " + Pattern.quote(name) + " -->\\s*```nginx\\n(.*?)```",
                Pattern.DOTALL)
            .matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("RELIABILITY.md has no nginx snippet '" + name + "'");
    }
    return matcher.group(1);
  }
}
