package dev.scopeml.bench.startup;

import java.util.List;

/**
 * One way to start the scorer.
 *
 * @param name how the report names it
 * @param command the command line up to the scorer's own arguments
 */
record Launch(String name, List<String> command) {}
