/**
 * Learning algorithms behind one interface: validated hyperparameters, seeded fitting, and the
 * registry the trainer looks them up in by name.
 */
package dev.scopeml.learning.algorithm;
