package dev.scopeml.scorer.web;

import dev.scopeml.scorer.config.ScorerProperties;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Adds {@code X-Scorer-Version} to every response, errors included, so that whoever sits in front
 * (nginx, a rollout controller, a test) can tell which scorer version answered.
 */
@Component
class ScorerVersionHeader implements Filter {

  static final String HEADER = "X-Scorer-Version";

  private final String version;

  ScorerVersionHeader(ScorerProperties properties) {
    this.version = properties.version();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ((HttpServletResponse) response).setHeader(HEADER, version);
    chain.doFilter(request, response);
  }
}
