/**
 * What the Spark engine's tests share: a trainer process configured to submit to a Spark master,
 * the built Spark home and application jar, and its run API.
 */
package dev.scopeml.spark;
