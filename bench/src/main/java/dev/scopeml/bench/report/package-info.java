/** What every figure reports with: order statistics, targets and the Markdown it writes. */
package dev.scopeml.bench.report;
