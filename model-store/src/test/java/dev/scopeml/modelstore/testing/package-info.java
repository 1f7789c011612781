/**
 * Test support shared through the model-store test-jar: a real PostgreSQL for every module's tests.
 */
package dev.scopeml.modelstore.testing;
