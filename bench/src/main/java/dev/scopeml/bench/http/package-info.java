/**
 * Figures 2 and 3: HTTP through nginx with keep-alive. The scorer's predict endpoint against a
 * constant endpoint of the same scorer, single row and batches of 100, and against the Python peer
 * (gunicorn + Flask + xgboost) behind the same nginx.
 */
package dev.scopeml.bench.http;
