/**
 * Figures 5 and 6 on one scorer tier (two scorers behind nginx, brought up by the nginx module's
 * {@code TierController}): how long a promotion takes to reach every scorer, and what a rolling
 * swap of the scorers costs the requests flowing through it.
 */
package dev.scopeml.bench.swap;
