package dev.scopeml.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Secrets reach containers as files: every secret a service mounts is declared, and every declared
 * secret file has a committed {@code .example} beside it; a {@code *_FILE} variable pointing into
 * {@code /run/secrets} names a secret its service mounts, and every mounted secret is pointed at;
 * no password or token is set as a plain variable.
 */
final class SecretCheck implements Check {

  private static final String SECRETS = "/run/secrets/";

  @Override
  public String name() {
    return "secrets";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    var declared = deployment.compose().secretFiles();
    declared.forEach(
        (name, file) -> {
          if (file == null) {
            return;
          }
          Path example =
              deployment.compose().directory().resolve(Interpolation.defaults(file) + ".example");
          if (!Files.isRegularFile(example)) {
            problems.add(
                "secret "
                    + name
                    + " is read from "
                    + file
                    + " but "
                    + file
                    + ".example is missing");
          }
        });
    for (ComposeService service : deployment.compose().services().values()) {
      for (String secret : service.secrets()) {
        if (!declared.containsKey(secret)) {
          problems.add(
              "service " + service.name() + " mounts secret " + secret + ", never declared");
        }
        boolean used =
            service.environment().values().stream()
                .anyMatch(value -> (SECRETS + secret).equals(value));
        if (!used) {
          problems.add(
              "service "
                  + service.name()
                  + " mounts secret "
                  + secret
                  + " but no *_FILE variable points at "
                  + SECRETS
                  + secret);
        }
      }
      service
          .environment()
          .forEach(
              (variable, value) -> {
                if (value != null && value.startsWith(SECRETS)) {
                  String secret = value.substring(SECRETS.length());
                  if (!variable.endsWith("_FILE")) {
                    problems.add(
                        "service "
                            + service.name()
                            + ": "
                            + variable
                            + " names a secret file but"
                            + " does not end in _FILE");
                  }
                  if (!service.secrets().contains(secret)) {
                    problems.add(
                        "service "
                            + service.name()
                            + ": "
                            + variable
                            + " points at "
                            + value
                            + " but the service does not mount secret "
                            + secret);
                  }
                }
                String upper = variable.toUpperCase(Locale.ROOT);
                if ((upper.endsWith("PASSWORD") || upper.endsWith("TOKEN")) && value != null) {
                  problems.add(
                      "service "
                          + service.name()
                          + " sets "
                          + variable
                          + " in plain text; use "
                          + variable
                          + "_FILE and a secret");
                }
              });
    }
    return problems;
  }
}
