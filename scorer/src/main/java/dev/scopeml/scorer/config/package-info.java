/** The scorer's typed configuration, bound from {@code application.yaml}, flags and environment. */
package dev.scopeml.scorer.config;
