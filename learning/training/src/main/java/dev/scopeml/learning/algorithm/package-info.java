/**
 * Learning algorithms behind one interface: validated hyperparameters, seeded fitting, and the
 * registry the trainer looks them up in by name. Each algorithm is a plugin in a package of its
 * own, registered once through {@link java.util.ServiceLoader}.
 */
package dev.scopeml.learning.algorithm;
