package dev.scopeml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code scopeml} launcher passes every command of the CLI on, and its help names each: a
 * command the launcher does not route answers with the help text instead of running.
 */
class LauncherCommandsTest {

  private static final Pattern CASE_BRANCH = Pattern.compile("^  ([a-z][a-z| -]*)\\)$");

  @Test
  void everyCliCommandIsRoutedAndListedByTheLauncher() throws IOException {
    String launcher = Files.readString(Repository.file("scopeml"));
    Set<String> routed = new HashSet<>();
    launcher
        .lines()
        .map(CASE_BRANCH::matcher)
        .filter(java.util.regex.Matcher::matches)
        .forEach(m -> routed.addAll(Set.of(m.group(1).split("\\s*\\|\\s*"))));
    Set<String> commands = ScopemlCli.commandLine().getSubcommands().keySet();

    assertThat(commands).as("the CLI's commands").isNotEmpty();
    assertThat(routed).as("commands the launcher routes").containsAll(commands);
    for (String command : commands) {
      assertThat(launcher)
          .as("the launcher's help names %s", command)
          .contains("\n  " + command + " ");
    }
  }
}
