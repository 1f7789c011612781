/**
 * The model the figures serve, trained for real by the tests' telco fixture (figures 2, 3, 5, 6,
 * 8), and the training data and spec the Python peer trains the same model from. Figure 7's many
 * small models are its own ({@code manymodels}).
 */
package dev.scopeml.bench.models;
