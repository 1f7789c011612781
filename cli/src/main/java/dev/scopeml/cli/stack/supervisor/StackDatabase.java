package dev.scopeml.cli.stack.supervisor;

import dev.scopeml.cli.stack.SecretFile;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.processes.ProcessRef;
import java.nio.file.Path;

/**
 * The stack's database as the trainer and the supervisor reach it.
 *
 * @param url JDBC URL of the ScopeML database
 * @param adminUser the login that migrates the schema and that the trainer uses
 * @param adminPasswordFile the file holding that login's password
 * @param postmaster the embedded PostgreSQL's server process, or null for an external database
 */
record StackDatabase(String url, String adminUser, Path adminPasswordFile, ProcessRef postmaster) {

  DatabaseSettings adminSettings() {
    return new DatabaseSettings(
        url, adminUser, new SecretFile(adminPasswordFile).read(), 2, "scopeml-stack");
  }
}
