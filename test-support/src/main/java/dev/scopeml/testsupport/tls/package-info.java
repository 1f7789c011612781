/** TLS material for tests: certificates generated per run with openssl, never checked in. */
package dev.scopeml.testsupport.tls;
