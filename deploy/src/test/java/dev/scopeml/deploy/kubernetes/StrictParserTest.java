package dev.scopeml.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The strict parse refuses what fabric8's model would silently keep aside. */
class StrictParserTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: scorer
      spec:
        selector:
          matchLabels: {app: scorer}
        template:
          metadata:
            labels: {app: scorer}
          spec:
            containers:
              - name: scorer
                image: scopeml/scorer:0.1.0
                readinessProbe:
                  httpGet: {path: /readyz, port: 8079}
      """;

  private final StrictParser parser = new StrictParser(Set.of("keda.sh"));

  @Test
  void aKnownObjectParsesTyped() {
    var result = parser.parse(DEPLOYMENT, "test");
    assertThat(result.problems()).isEmpty();
    assertThat(result.objects())
        .singleElement()
        .isInstanceOf(io.fabric8.kubernetes.api.model.apps.Deployment.class);
  }

  @Test
  void aMisspeltFieldIsNamedByItsPath() {
    var result = parser.parse(DEPLOYMENT.replace("readinessProbe", "readinesProbe"), "test");
    assertThat(result.problems())
        .containsExactly(
            "test: Deployment scorer has a field fabric8's model does not know:"
                + " spec.template.spec.containers[0].readinesProbe");
  }

  @Test
  void aFieldAtTheWrongLevelIsFound() {
    var result =
        parser.parse(
            DEPLOYMENT.replace(
                "httpGet: {path: /readyz, port: 8079}",
                "httpGet: {path: /readyz, port: 8079, timeout: 3}"),
            "test");
    assertThat(result.problems())
        .singleElement()
        .asString()
        .endsWith("spec.template.spec.containers[0].readinessProbe.httpGet.timeout");
  }

  @Test
  void anUnknownKindIsAProblemUnlessItsGroupIsAccepted() {
    String scaled = "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: scorer\n";
    assertThat(parser.parse(scaled, "test").problems()).isEmpty();
    assertThat(parser.parse(DEPLOYMENT.replace("apps/v1", "apps/v9"), "test").problems())
        .singleElement()
        .asString()
        .contains("is of a kind fabric8's model does not know (apps/v9)");
  }

  @Test
  void everyDocumentOfAStreamIsParsed() {
    var result =
        parser.parse(
            DEPLOYMENT + "---\n" + DEPLOYMENT.replace("name: scorer\nspec", "name: other\nspec"),
            "test");
    assertThat(result.objects()).hasSize(2);
  }
}
