/**
 * Figure 8: scorer process start to {@code /readyz} with ten models, from the packaged jar, from
 * the extracted jar, and from the extracted jar with a JDK AOT cache (JEP 483/514/515).
 */
package dev.scopeml.bench.startup;
