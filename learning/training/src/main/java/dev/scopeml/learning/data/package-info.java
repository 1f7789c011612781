/**
 * Tabular input: an RFC 4180 CSV reader and the inference of a feature schema from a table, shared
 * by the trainer and the tests so a data set is read one way everywhere.
 */
package dev.scopeml.learning.data;
