package dev.scopeml.learning.fitting;

/**
 * A scope's labelled rows split into what is fitted and what is held out.
 *
 * @param rows the scope's labelled rows, indices into the run's table
 * @param trainRows the rows fitted on
 * @param trainLabels their class indices
 * @param holdoutRows the rows evaluated on
 * @param holdoutLabels their class indices
 */
public record ScopeSplit(
    int[] rows, int[] trainRows, int[] trainLabels, int[] holdoutRows, int[] holdoutLabels) {}
