package dev.scopeml.spark;

import dev.scopeml.spark.scoring.JobScoring;
import dev.scopeml.spark.store.StoreAccess;
import dev.scopeml.spark.training.RunTraining;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * The application's entry point: {@code train <run id>} or {@code score <job id>}. The run or job
 * must be queued (by the trainer's API, with {@code "engine": "spark"}); the database comes from
 * {@code SCOPEML_DB_URL}, {@code SCOPEML_DB_USER} and {@code SCOPEML_DB_PASSWORD}. Exits 0 when the
 * run or job ended, 1 when it failed, 2 on a wrong command line.
 */
public final class SparkEngine {

  private SparkEngine() {}

  public static void main(String[] args) {
    if (args.length != 2 || !(args[0].equals("train") || args[0].equals("score"))) {
      System.err.println("usage: train <run id> | score <job id>");
      System.exit(2);
    }
    UUID id = UUID.fromString(args[1]);
    StoreAccess access = StoreAccess.fromEnvironment();
    SparkSession spark =
        SparkSession.builder().appName("scopeml-" + args[0] + "-" + id).getOrCreate();
    boolean ended;
    try {
      EngineSettings settings = EngineSettings.of(spark.sparkContext().getConf());
      ended =
          switch (args[0]) {
            case "train" -> new RunTraining(spark, access, settings).train(id);
            default -> new JobScoring(spark, access, settings).score(id);
          };
    } finally {
      spark.stop();
    }
    System.exit(ended ? 0 : 1);
  }
}
