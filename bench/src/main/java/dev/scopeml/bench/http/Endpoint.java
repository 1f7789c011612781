package dev.scopeml.bench.http;

/**
 * One thing the HTTP figures load.
 *
 * @param name how the report names it
 * @param path the path behind nginx
 * @param body the request body
 */
record Endpoint(String name, String path, String body) {}
