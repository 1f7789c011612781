/** The trainer's configuration properties and the database, registry and queue beans. */
package dev.scopeml.trainer.config;
