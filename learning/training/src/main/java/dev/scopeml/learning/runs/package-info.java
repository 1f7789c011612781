/**
 * A training run as planned and as its scopes are trained: the stored spec (source, features,
 * kinds, classes, parameters, promotion policy), the run's data prepared for fitting, how a trained
 * version is stored and promoted, and the result each scope's task records. The trainer's workers
 * and the Spark engine's executors read the same spec and record the same results, so a run's
 * versions do not depend on the engine that trained them.
 */
package dev.scopeml.learning.runs;
