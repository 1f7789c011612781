package dev.scopeml.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.TestPostgres;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One database, one trainer and one scorer for the whole test JVM, started on first use and stopped
 * when the JVM exits. Starting a Spring Boot jar costs tens of seconds on a busy two-core machine,
 * so the classes whose requests are refused or only read (hostile input, access) share these
 * instead of each starting their own; a class that changes the registry uses a model name of its
 * own, and classes that kill processes or stop the database start their own.
 *
 * <p>The scorer logs in as a reader role made by {@link Database#ensureReaderLogin}, as deployed;
 * the database holds the telco churn model, promoted for {@link TelcoModel#ONE_YEAR}.
 */
public final class SharedStack {

  /** The scorer's database login, a member of the reader role. */
  public static final String READER = "scopeml_scorer";

  private static SharedStack instance;

  private final DatabaseSettings owner;
  private final DatabaseSettings reader;
  private final HikariDataSource dataSource;
  private final String predictBody;
  private final ServiceProcess trainer;
  private final ServiceProcess scorer;
  private final Path dataDirectory;

  private SharedStack() {
    Path work = ScratchDirectory.fresh("shared");
    owner = TestPostgres.freshDatabase("shared");
    dataSource = Database.pool(owner);
    String password = UUID.randomUUID().toString();
    Database.ensureReaderLogin(dataSource, READER, password);
    reader = new DatabaseSettings(owner.url(), READER, password, 4, "scorer");
    predictBody = TelcoModel.servingOneYear(new JdbcModelStore(dataSource)).body(1);
    dataDirectory = Services.copyDataSets(work.resolve("data"));
    Path logs = work.resolve("logs");
    trainer =
        Services.trainer(
            "shared-trainer",
            ReliabilityTest.trainerJar(),
            owner,
            dataDirectory,
            ReliabilityTest.ADMIN_TOKEN,
            Map.of(
                "scopeml.trainer.workers",
                "1",
                "scopeml.trainer.poll-interval",
                "200ms",
                // A JDBC source, so hostile table and query names reach the metadata lookup.
                "scopeml.sources.warehouse.url",
                owner.url(),
                "scopeml.sources.warehouse.user",
                owner.user(),
                "scopeml.sources.warehouse.password",
                owner.password(),
                // The request mappings, so the access tests enumerate every endpoint.
                "management.endpoints.web.exposure.include",
                "health,info,prometheus,metrics,mappings"),
            logs);
    scorer = Services.scorer("shared-scorer", ReliabilityTest.scorerJar(), reader, Map.of(), logs);
    trainer.awaitOk("/actuator/health", Duration.ofMinutes(3));
    scorer.awaitOk("/readyz", Duration.ofMinutes(3));
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      List.of(trainer, scorer).parallelStream().forEach(ServiceProcess::close);
                      dataSource.close();
                    }));
  }

  /** The stack, started on the first call. */
  public static synchronized SharedStack get() {
    if (instance == null) {
      instance = new SharedStack();
    }
    return instance;
  }

  /** The database as its owner (the trainer's credentials). */
  public DatabaseSettings owner() {
    return owner;
  }

  /** The database as the scorer's reader login. */
  public DatabaseSettings reader() {
    return reader;
  }

  /** A pool with the owner's rights: the tests' view of the registry. */
  public HikariDataSource dataSource() {
    return dataSource;
  }

  /** A valid predict body for the telco model's scope. */
  public String predictBody() {
    return predictBody;
  }

  public ServiceProcess trainer() {
    return trainer;
  }

  public ServiceProcess scorer() {
    return scorer;
  }

  /** The trainer's data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }
}
