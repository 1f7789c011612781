/**
 * Model versions for tests and benchmarks: a real XGBoost model of the telco churn data trained the
 * way the trainer trains a scope ({@link dev.scopeml.testsupport.models.TelcoModel}), opaque
 * versions for registry tests ({@link dev.scopeml.testsupport.models.StoredModels}), and copies or
 * tampered rows of stored versions ({@link dev.scopeml.testsupport.models.StoredVersions}).
 */
package dev.scopeml.testsupport.models;
