/**
 * The machine learning shared by the trainer and the scorer: algorithms behind one interface, the
 * fast tree-ensemble predictor, evaluation metrics, reference checks and the artifact codecs. Both
 * apps depend on this one library so a model is trained and served by the same code.
 */
package dev.scopeml.learning;
