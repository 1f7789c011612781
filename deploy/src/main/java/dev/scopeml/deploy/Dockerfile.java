package dev.scopeml.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile read into its build stages and instructions: line continuations joined, comments and
 * parser directives dropped. Only what the checks need is interpreted ({@code ARG} defaults, {@code
 * FROM}, {@code COPY}, {@code ENV}, {@code EXPOSE}, {@code HEALTHCHECK}).
 */
final class Dockerfile {

  /** One instruction: its keyword in upper case, the rest of its text, its first line. */
  public record Instruction(String keyword, String arguments, int line) {}

  /** One build stage: its {@code FROM} image (ARGs resolved), its name if any, its instructions. */
  public record Stage(String image, String name, List<Instruction> instructions) {

    /** The instructions with this keyword, in order. */
    public List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }
  }

  /**
   * A {@code COPY}: where from (a stage name, or null for the build context), its sources and its
   * destination.
   */
  public record Copy(String from, List<String> sources, String destination, int line) {}

  private final Path path;
  private final Map<String, String> globalArgs;
  private final List<Stage> stages;

  private Dockerfile(Path path, Map<String, String> globalArgs, List<Stage> stages) {
    this.path = path;
    this.globalArgs = globalArgs;
    this.stages = stages;
  }

  /** Reads and parses {@code path}. */
  public static Dockerfile read(Path path) {
    try {
      return parse(path, Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Parses {@code text} as the Dockerfile at {@code path}. */
  public static Dockerfile parse(Path path, String text) {
    List<Instruction> instructions = instructions(text);
    Map<String, String> globalArgs = new LinkedHashMap<>();
    List<Stage> stages = new ArrayList<>();
    List<Instruction> current = null;
    for (Instruction instruction : instructions) {
      if (instruction.keyword().equals("FROM")) {
        List<String> words = words(instruction.arguments());
        words.removeIf(w -> w.startsWith("--"));
        String image = Interpolation.resolve(words.getFirst(), globalArgs);
        String name =
            words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")
                ? words.get(2).toLowerCase(Locale.ROOT)
                : null;
        current = new ArrayList<>();
        stages.add(new Stage(image, name, current));
      } else if (current == null) {
        if (instruction.keyword().equals("ARG")) {
          globalArgs.putAll(assignments(instruction.arguments()));
        }
      } else {
        current.add(instruction);
      }
    }
    if (stages.isEmpty()) {
      throw new IllegalArgumentException(path + " has no FROM");
    }
    return new Dockerfile(path, globalArgs, List.copyOf(stages));
  }

  public Path path() {
    return path;
  }

  /** ARGs declared before the first FROM, with their defaults. */
  public Map<String, String> globalArgs() {
    return globalArgs;
  }

  public List<Stage> stages() {
    return stages;
  }

  /** The stage the image is made of. */
  public Stage finalStage() {
    return stages.getLast();
  }

  /** The stage called {@code name}. */
  public Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> name.equalsIgnoreCase(s.name())).findFirst();
  }

  /** The {@code COPY} instructions of {@code stage}. */
  public static List<Copy> copies(Stage stage) {
    var copies = new ArrayList<Copy>();
    for (Instruction instruction : stage.all("COPY")) {
      List<String> words = words(instruction.arguments());
      String from = null;
      var rest = new ArrayList<String>();
      for (String word : words) {
        if (word.startsWith("--from=")) {
          from = word.substring("--from=".length());
        } else if (!word.startsWith("--")) {
          rest.add(word);
        }
      }
      if (rest.size() < 2) {
        continue;
      }
      copies.add(
          new Copy(
              from,
              List.copyOf(rest.subList(0, rest.size() - 1)),
              rest.getLast(),
              instruction.line()));
    }
    return copies;
  }

  /** The environment {@code stage} sets with {@code ENV}, in order. */
  public static Map<String, String> environment(Stage stage) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (Instruction instruction : stage.all("ENV")) {
      environment.putAll(assignments(instruction.arguments()));
    }
    return environment;
  }

  /** The ports {@code stage} exposes. */
  public static List<Integer> exposedPorts(Stage stage) {
    var ports = new ArrayList<Integer>();
    for (Instruction instruction : stage.all("EXPOSE")) {
      for (String word : words(instruction.arguments())) {
        ports.add(Integer.parseInt(word.replaceFirst("/.*", "")));
      }
    }
    return ports;
  }

  /** The command of the stage's {@code HEALTHCHECK}, if it has one that is not {@code NONE}. */
  public static Optional<String> healthcheck(Stage stage) {
    return stage.all("HEALTHCHECK").stream()
        .reduce((first, second) -> second)
        .map(Instruction::arguments)
        .map(arguments -> arguments.replaceFirst("^(\\s*--\\S+\\s+)*", ""))
        .filter(rest -> rest.regionMatches(true, 0, "CMD", 0, 3))
        .map(rest -> rest.substring(3).strip());
  }

  /** {@code NAME=value} pairs (values may be quoted), or the legacy {@code NAME value} form. */
  static Map<String, String> assignments(String arguments) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> words = words(arguments);
    if (!words.isEmpty() && !words.getFirst().contains("=")) {
      if (words.size() == 1) {
        values.put(words.getFirst(), null);
      } else {
        values.put(
            words.getFirst(), arguments.strip().substring(words.getFirst().length()).strip());
      }
      return values;
    }
    for (String word : words) {
      int equals = word.indexOf('=');
      values.put(word.substring(0, equals), word.substring(equals + 1));
    }
    return values;
  }

  /** Splits on blanks outside quotes, removing the quotes and backslash escapes. */
  static List<String> words(String text) {
    var words = new ArrayList<String>();
    var word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static List<Instruction> instructions(String text) {
    var instructions = new ArrayList<Instruction>();
    String[] lines = text.split("\n", -1);
    var pending = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      if (line.stripLeading().startsWith("#")) {
        continue;
      }
      if (pending.isEmpty()) {
        if (line.isBlank()) {
          continue;
        }
        start = i + 1;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String joined = pending.toString().strip();
      pending.setLength(0);
      int space = joined.indexOf(' ');
      String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
      String arguments = space < 0 ? "" : joined.substring(space + 1).strip();
      instructions.add(new Instruction(keyword, arguments, start));
    }
    return instructions;
  }
}
