/** Integration-test base of the trainer: real PostgreSQL, real data, real trainer apps. */
package dev.scopeml.trainer;
