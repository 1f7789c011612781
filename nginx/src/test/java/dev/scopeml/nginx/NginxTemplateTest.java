package dev.scopeml.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxTemplateTest {

  private static final Map<String, String> PLAIN =
      Map.of(
          "workers", "2",
          "prefix", "/srv/nginx",
          "maxBody", "2m",
          "listen", "8080",
          "tls", "",
          "control", "127.0.0.1:8088");

  @Test
  void anEmptyBlockPlaceholderLeavesNoLineAndAFullOneIsIndentedLikeIt() {
    String plain = NginxTemplate.shipped().render(PLAIN);
    assertThat(plain)
        .doesNotContain("{{")
        .doesNotContain("ssl_")
        .contains("        listen 8080;\n");

    var tls = new HashMap<>(PLAIN);
    tls.put("listen", "8443 ssl");
    tls.put("tls", "ssl_certificate /c.pem;\nssl_certificate_key /k.pem;\n");
    assertThat(NginxTemplate.shipped().render(tls))
        .contains(
            "        listen 8443 ssl;\n        ssl_certificate /c.pem;\n        ssl_certificate_key /k.pem;\n");
  }

  @Test
  void thePredictLocationsAreReplacedAsAWholeAndHttpDirectivesGoBeforeTheServer() {
    String rendered =
        NginxTemplate.shipped()
            .withPredictLocations(
                "location = /v1/models/churn/predict {\n    return 418;\n}", "map $a $b { }")
            .render(PLAIN);
    assertThat(rendered)
        .contains(
            "        location = /v1/models/churn/predict {\n            return 418;\n        }")
        .doesNotContain("non_idempotent")
        .doesNotContain("predict-locations")
        .contains("    map $a $b { }\n\n    server {");
  }

  @Test
  void aPlaceholderWithoutAValueIsNamed() {
    var missing = new HashMap<>(PLAIN);
    missing.remove("control");
    assertThatThrownBy(() -> NginxTemplate.shipped().render(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{{control}}");
  }

  @Test
  void theUpstreamAnswerNamesTheLastAddressTriedOfA200() {
    assertThat(
            UpstreamAnswer.answeredBy(
                "HTTP/1.1 200 OK\r\nX-Upstream: 127.0.0.1:1, 127.0.0.1:2\r\n\r\n{}"))
        .contains("127.0.0.1:2");
    assertThat(UpstreamAnswer.answeredBy("HTTP/1.1 502 Bad Gateway\r\nX-Upstream: 127.0.0.1:1\r\n"))
        .isEmpty();
  }
}
