/**
 * The nginx tier: the load balancer's configuration and the controller that changes which scorer
 * backends stand behind it, one at a time, without failing a request.
 */
package dev.scopeml.nginx;
