/**
 * Figure 8: scorer process start to ready and warm with ten models, from the packaged jar, with
 * ScopeML's own launch (the extracted jar and the JDK AOT cache its launcher records once per jar),
 * and with an AOT cache recorded by a full training run (JEP 483/514/515).
 */
package dev.scopeml.bench.startup;
