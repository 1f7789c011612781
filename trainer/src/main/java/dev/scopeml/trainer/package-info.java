/**
 * The trainer application, packaged by feature: {@code runs} (the run API and planning), {@code
 * training} (workers that fit one scope per task), {@code sources} (CSV files, uploads and JDBC
 * tables), {@code registry} (the admin API), {@code security} (bearer tokens), {@code api} (JSON
 * errors), {@code config} and {@code observability}.
 */
package dev.scopeml.trainer;
