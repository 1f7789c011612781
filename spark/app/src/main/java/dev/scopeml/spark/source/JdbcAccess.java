package dev.scopeml.spark.source;

/**
 * How the application reads a run's JDBC source, handed over by the trainer in the environment
 * ({@code SCOPEML_SOURCE_URL}, {@code SCOPEML_SOURCE_USER}, {@code SCOPEML_SOURCE_PASSWORD}, {@code
 * SCOPEML_SOURCE_DRIVER}, {@code SCOPEML_SOURCE_FROM}), never on a command line: the run spec names
 * the source, the trainer's configuration holds its login.
 *
 * @param url the source's JDBC URL
 * @param user its user
 * @param password its password
 * @param driver the JDBC driver class, which must be on the application's class path (PostgreSQL's
 *     is in the application jar; others go with {@code --jars})
 * @param from the FROM clause of the run's table or configured query, as the trainer resolved it
 */
public record JdbcAccess(String url, String user, String password, String driver, String from) {

  /**
   * @throws IllegalStateException naming the variable that is not set
   */
  public static JdbcAccess fromEnvironment() {
    return new JdbcAccess(
        required("SCOPEML_SOURCE_URL"),
        System.getenv().getOrDefault("SCOPEML_SOURCE_USER", ""),
        System.getenv().getOrDefault("SCOPEML_SOURCE_PASSWORD", ""),
        required("SCOPEML_SOURCE_DRIVER"),
        required("SCOPEML_SOURCE_FROM"));
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: a run from a JDBC source needs it");
    }
    return value;
  }

  @Override
  public String toString() {
    return "JdbcAccess[" + url + " as " + user + ": " + from + "]";
  }
}
