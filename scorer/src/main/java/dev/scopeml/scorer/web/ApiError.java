package dev.scopeml.scorer.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: {@code {"error": "..."}} as the Open Inference Protocol asks,
 * plus the offending field where one is to blame.
 *
 * @param error what went wrong, for a human
 * @param field the request field at fault, e.g. {@code instances[2].tenure}, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiError(String error, String field) {

  public static ApiError of(String error) {
    return new ApiError(error, null);
  }
}
