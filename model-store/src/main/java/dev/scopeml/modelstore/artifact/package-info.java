/**
 * Model artifacts: a checksummed envelope around codec-specific bytes. Nothing inside an envelope
 * is decoded before its SHA-256 and format are checked, and Java-serialized formats only decode
 * through an {@link java.io.ObjectInputFilter} allow-list.
 */
package dev.scopeml.modelstore.artifact;
