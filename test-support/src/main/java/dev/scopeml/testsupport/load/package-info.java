/**
 * The loads the tests keep on the scorer tier, built on the load generator of the {@code load}
 * module ({@link dev.scopeml.load.HttpLoad}).
 */
package dev.scopeml.testsupport.load;
