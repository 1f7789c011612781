/**
 * The model store: everything that defines a stored ScopeML model. Trainer and scorer share it so
 * that training and serving agree on scope keys, feature encoding, artifact formats and the
 * registry's rules.
 */
package dev.scopeml.modelstore;
