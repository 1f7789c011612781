/** Health of the trainer's dependencies; its meters live with the features they measure. */
package dev.scopeml.trainer.observability;
