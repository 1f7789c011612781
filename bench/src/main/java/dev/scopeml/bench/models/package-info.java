/**
 * The models the figures serve, trained for real: XGBoost on the telco churn rows of one scope
 * (figures 2, 3, 5, 6, 8) and many small XGBoost models on generated rows (figure 7), stored and
 * promoted through the model store as the trainer would.
 */
package dev.scopeml.bench.models;
