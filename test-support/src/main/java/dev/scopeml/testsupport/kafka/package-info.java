/**
 * A real Kafka broker per test class (the build's broker process) and the scorer settings that
 * point the stream trigger at it; the tests measure the stream with the {@code kafka} module's
 * stream client.
 */
package dev.scopeml.testsupport.kafka;
