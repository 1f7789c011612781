/**
 * Checks the Kubernetes deployment ({@code deploy/kubernetes}) without a cluster: every overlay is
 * rendered by {@code kubectl kustomize}, every rendered object parsed strictly into fabric8's typed
 * model, and the objects compared with the Maven build and with each other.
 *
 * <p>{@link dev.scopeml.deploy.kubernetes.KubernetesDeployment} renders and parses the overlays;
 * each {@link dev.scopeml.deploy.kubernetes.ManifestCheck} looks at one concern and lists what is
 * wrong, naming the overlay, the object and the item at fault. The rules a compose deployment
 * follows too (image pinning, the properties an app binds, the endpoints it serves, the nginx
 * template) are the {@code dev.scopeml.deploy} package's, shared, not repeated.
 */
package dev.scopeml.deploy.kubernetes;
