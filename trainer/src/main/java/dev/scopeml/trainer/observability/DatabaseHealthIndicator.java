package dev.scopeml.trainer.observability;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code database} in {@code /actuator/health}: the trainer is down when it cannot reach its
 * PostgreSQL, since it can neither accept runs nor claim tasks.
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

  private final DataSource dataSource;

  DatabaseHealthIndicator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Health health() {
    try (Connection connection = dataSource.getConnection()) {
      if (connection.isValid(2)) {
        return Health.up().build();
      }
      return Health.down().withDetail("error", "connection is not valid").build();
    } catch (SQLException e) {
      return Health.down().withDetail("error", e.getMessage()).build();
    }
  }
}
