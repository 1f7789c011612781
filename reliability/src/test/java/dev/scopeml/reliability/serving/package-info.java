/** What the packaged scorer jar serves, as deployed: the serving side alone on its class path. */
package dev.scopeml.reliability.serving;
