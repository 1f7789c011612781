package dev.scopeml.trainer.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the trainer submits Spark runs, under {@code scopeml.spark.*}. Unset {@code home}
 * or {@code app-jar}: the engine is not available and runs asking for it get 400, unless {@code
 * submit} is off: then Spark runs are only queued, for a {@code spark-submit} by hand.
 *
 * @param submit whether the trainer submits Spark runs itself
 * @param master the master URL: {@code local[N]}, {@code spark://host:port}, or a YARN or
 *     Kubernetes master, passed through
 * @param home a Spark home ({@code bin/spark-submit}, {@code jars/}) of the cluster's Spark 4.2.0
 * @param appJar the application jar ({@code scopeml-spark.jar})
 * @param javaHome the JDK the driver runs on (default: the trainer's)
 * @param maxScopeRows the most rows of one scope an executor trains; larger scopes are refused
 * @param logDirectory where each application's output goes, one file per run
 * @param conf further Spark settings ({@code spark.executor.memory: 2g}, …)
 */
@ConfigurationProperties("scopeml.spark")
public record SparkProperties(
    @DefaultValue("true") boolean submit,
    @DefaultValue("local[2]") String master,
    Path home,
    Path appJar,
    Path javaHome,
    @DefaultValue("1000000") long maxScopeRows,
    @DefaultValue("spark-logs") Path logDirectory,
    Map<String, String> conf) {

  public SparkProperties {
    conf = conf == null ? Map.of() : Map.copyOf(conf);
  }

  /**
   * Whether runs may ask for Spark: they are queued for a submission by hand, or a Spark home and
   * the application jar are configured and present.
   */
  public boolean available() {
    return !submit
        || home != null
            && appJar != null
            && Files.isRegularFile(home.resolve("bin/spark-submit"))
            && Files.isRegularFile(appJar);
  }
}
