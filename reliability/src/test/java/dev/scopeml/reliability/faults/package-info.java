/**
 * Faults: a trainer killed mid-task, PostgreSQL stopped and restarted, scorers killed and
 * terminated behind nginx, nginx reloaded over and over, and corrupted artifacts in the model
 * store, all under load, with what was sent and what failed counted.
 */
package dev.scopeml.reliability.faults;
