package dev.scopeml.scorer.listener;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * What the public listener serves: predictions, inference and the probes, nothing else. Metrics,
 * model metadata and the other operator paths answer 404 there (they are on the operator port). The
 * decision is made on the path Tomcat normalized (path parameters removed, {@code //}, {@code .}
 * and {@code ..} resolved, percent-escapes decoded); a request whose path only reaches a public
 * endpoint after that normalization is refused too, so that the path routed on and the path checked
 * can never differ.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublicPaths extends OncePerRequestFilter {

  private static final List<Pattern> PUBLIC =
      List.of(
          Pattern.compile("/v1/models/[^/]+/predict"),
          Pattern.compile("/v2/models/[^/]+(/versions/[^/]+)?/infer"),
          Pattern.compile("/(readyz|livez)"),
          Pattern.compile("/v2/health/(live|ready)"));

  private static final byte[] NOT_PUBLIC =
      """
      {"error":"not found on the public listener, which serves predictions and probes only: \
      metrics and model metadata are on the operator port"}"""
          .getBytes(StandardCharsets.UTF_8);

  private final PublicListener listener;

  PublicPaths(PublicListener listener) {
    this.listener = listener;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!listener.received(request.getLocalPort()) || isPublic(request)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(NOT_PUBLIC.length);
    response.getOutputStream().write(NOT_PUBLIC);
  }

  /** Whether the request's path, exactly as sent, names a public endpoint. */
  static boolean isPublic(HttpServletRequest request) {
    String normalized =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String sent;
    try {
      sent = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    return normalized.equals(sent) && isPublicPath(normalized);
  }

  /** Whether a normalized path names a public endpoint. */
  static boolean isPublicPath(String path) {
    return PUBLIC.stream().anyMatch(pattern -> pattern.matcher(path).matches());
  }
}
