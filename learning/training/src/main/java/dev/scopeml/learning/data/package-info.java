/**
 * Tabular input held by column: the table training reads, and the RFC 4180 CSV reader that fills
 * it, so a data set is read one way everywhere.
 */
package dev.scopeml.learning.data;
