/**
 * Feature schemas and row encoding. The trainer and the scorer encode rows with this one code, so
 * training and serving cannot drift apart.
 */
package dev.scopeml.modelstore.schema;
