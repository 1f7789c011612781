/**
 * Access: every admin endpoint of the trainer, enumerated from the running application, refuses
 * requests without the right bearer token; predictions and health stay open; and the scorer's
 * database login can read and nothing else.
 */
package dev.scopeml.reliability.access;
