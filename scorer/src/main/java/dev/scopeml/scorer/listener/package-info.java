/**
 * Where the scorer listens. With an operator port ({@code scopeml.scorer.operator-port}) it has two
 * listeners in one Tomcat: the operator listener, bound at start, serving everything (probes,
 * metrics, model metadata, predictions); and the public listener ({@code server.port}), bound only
 * once the scorer is ready and warm and serving only predictions and probes. A load balancer in
 * front of a slot whose scorer is still starting, warming up or gone gets its connect refused,
 * which is safe to pass to the next server whatever the request.
 */
package dev.scopeml.scorer.listener;
