package dev.scopeml.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the trainer is and how to authenticate, shared by every trainer command. */
final class TrainerOptions {

  @Option(
      names = "--trainer-url",
      defaultValue = "${env:SCOPEML_TRAINER_URL:-http://127.0.0.1:8081}",
      description = "Trainer base URL (env SCOPEML_TRAINER_URL, default ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--token",
      defaultValue = "${env:SCOPEML_ADMIN_TOKEN}",
      description = "Admin bearer token (env SCOPEML_ADMIN_TOKEN).")
  String token;

  TrainerClient client() {
    return new TrainerClient(url, token);
  }
}
