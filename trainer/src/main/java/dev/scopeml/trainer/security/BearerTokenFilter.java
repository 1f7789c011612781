package dev.scopeml.trainer.security;

import dev.scopeml.trainer.api.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards the run and admin APIs ({@code /v1/**}): no bearer token answers 401, a wrong one 403.
 * Health and metrics live outside {@code /v1} and stay open for probes and scrapers.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Bearer ";

  private final AdminToken token;
  private final JsonMapper json;

  BearerTokenFilter(AdminToken token, JsonMapper json) {
    this.token = token;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scopeml\"");
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "a bearer token is required");
      return;
    }
    if (!token.matches(header.substring(PREFIX.length()).strip())) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "the bearer token is not valid");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), ApiError.body(status, message, Map.of()));
  }
}
