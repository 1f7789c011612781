/**
 * The scorer tier on Kubernetes: the scorer Deployment patched and followed through the API server
 * (fabric8's client), as {@code kubectl set image} and {@code kubectl rollout status} do. The
 * Deployment's own rolling update (one new pod at a time, none removed before its replacement is
 * ready) and the scorers' headless Service behind nginx keep the tier's promises that the local and
 * compose drivers keep by filling nginx's slots themselves.
 */
package dev.scopeml.nginx.kubernetes;
