/**
 * Checks the container deployment against the build, because no Docker engine runs where the build
 * and the tests do: docker-compose.yml, the Dockerfiles and the nginx configuration are read here
 * and compared with what Maven produced (jars, their layers, the properties the apps bind, the
 * endpoints they serve, their ports) and with the tier controller's compose driver.
 *
 * <p>{@link dev.scopeml.deploy.Deployment} loads a repository's deployment files; each {@link
 * dev.scopeml.deploy.Check} looks at one concern and lists what is wrong, naming the file and the
 * item at fault. {@link dev.scopeml.deploy.DeploymentChecks#all()} is every check.
 */
package dev.scopeml.deploy;
