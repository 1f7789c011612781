package dev.scopeml.kafka.stream;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka client properties of the stream client: where the cluster is and, for a cluster that
 * asks for them, security settings from a properties file in Kafka's own format (the file {@code
 * kafka-console-producer --producer.config} takes), so that credentials never appear on a command
 * line.
 */
public final class ClientProperties {

  private ClientProperties() {}

  /** {@code bootstrap.servers} only: a cluster on a trusted network, such as the local stack's. */
  public static Map<String, Object> of(String bootstrapServers) {
    return of(bootstrapServers, null);
  }

  /**
   * {@code bootstrap.servers} and the properties of {@code file} (may be null); the file's own
   * {@code bootstrap.servers}, if any, gives way to the one given here.
   */
  public static Map<String, Object> of(String bootstrapServers, Path file) {
    var config = new HashMap<String, Object>();
    if (file != null) {
      var properties = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Kafka client properties " + file, e);
      }
      properties.forEach((key, value) -> config.put(key.toString(), value.toString()));
    }
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }
}
