package dev.scopeml.trainer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.trainer.TrainerTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The run and admin APIs need the bearer token; health and metrics do not. */
class BearerTokenTest extends TrainerTest {

  static Stream<Arguments> protectedEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/v1/runs"),
        Arguments.of("POST", "/v1/runs"),
        Arguments.of("GET", "/v1/runs/8d7f0f5c-54a4-4c52-8a6e-2d4e0a1d6b6e"),
        Arguments.of("POST", "/v1/runs/8d7f0f5c-54a4-4c52-8a6e-2d4e0a1d6b6e/cancel"),
        Arguments.of("POST", "/v1/uploads"),
        Arguments.of("GET", "/v1/models"),
        Arguments.of("GET", "/v1/models/churn"),
        Arguments.of("GET", "/v1/models/churn/versions"),
        Arguments.of("POST", "/v1/models/churn/promote"),
        Arguments.of("POST", "/v1/models/churn/rollback"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("protectedEndpoints")
  void refusesMissingAndWrongTokens(String method, String path) {
    Object body = method.equals("POST") ? Map.of("scope", "*", "version", 1) : null;

    var missing = trainer().call(method, path, body, null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("error").asString()).contains("bearer token is required");
    assertThat(missing.headers().get("www-authenticate"))
        .containsExactly("Bearer realm=\"scopeml\"");

    var wrong = trainer().call(method, path, body, TOKEN + "x");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().get("error").asString()).contains("not valid");

    var prefix = trainer().call(method, path, body, TOKEN.substring(0, 10));
    assertThat(prefix.status()).as("a prefix of the token is wrong").isEqualTo(403);

    var right = trainer().call(method, path, body, TOKEN);
    assertThat(right.status()).as(right.body()).isNotIn(401, 403);
  }

  @Test
  void healthAndMetricsAreOpen() {
    var health = trainer().call("GET", "/actuator/health", null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    assertThat(health.json().get("components").has("database")).isTrue();

    var prometheus = trainer().call("GET", "/actuator/prometheus", null, null);
    assertThat(prometheus.status()).isEqualTo(200);
    assertThat(prometheus.body()).contains("scopeml_tasks_active");
  }

  @Test
  void aTrainerWithoutATokenRefusesToStart() {
    assertThatThrownBy(() -> startTrainer(Map.of("scopeml.admin-token", "")))
        .rootCause()
        .hasMessageContaining("SCOPEML_ADMIN_TOKEN");
  }

  @Test
  void noScopemlBeanKeepsTheTokenOnlyItsDigest() throws IllegalAccessException {
    var context = trainer().context();
    int inspected = 0;
    for (String name : context.getBeanDefinitionNames()) {
      Object bean = context.getBean(name);
      for (Class<?> type = bean.getClass();
          type != null && type.getName().startsWith("dev.scopeml.");
          type = type.getSuperclass()) {
        for (var field : type.getDeclaredFields()) {
          if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
            continue;
          }
          field.setAccessible(true);
          Object value = field.get(bean);
          inspected++;
          assertThat(value)
              .as("%s.%s of bean %s", type.getSimpleName(), field.getName(), name)
              .isNotEqualTo(TOKEN);
        }
      }
    }
    assertThat(inspected).as("fields of ScopeML beans inspected").isGreaterThan(20);
  }
}
