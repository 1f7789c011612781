package dev.scopeml.scorer.scoring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts prediction requests that end in an error status, after the error answer is written, under
 * whatever model and scope the request had resolved by then.
 */
@Configuration(proxyBeanMethods = false)
class ErrorMetricsInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  private final PredictionMetrics metrics;

  ErrorMetricsInterceptor(PredictionMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/v1/models/*/predict", "/v2/models/**");
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    Observation observation = Observation.of(request);
    if (observation != null && response.getStatus() >= 400) {
      metrics.error(
          observation.api(), observation.model(), observation.scope(), response.getStatus());
    }
  }
}
