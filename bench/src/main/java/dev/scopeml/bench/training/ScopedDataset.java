package dev.scopeml.bench.training;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a generated CSV of {@code scopes × rows} rows: a {@code scope} column, 20 numeric features
 * and a yes/no label that depends on them non-linearly, with weights that differ per scope (so each
 * scope is a problem of its own) and label noise, so trees grow to full depth.
 */
final class ScopedDataset {

  static final int FEATURES = 20;

  private ScopedDataset() {}

  /** Writes the data set to {@code file}; returns the file. */
  static Path write(Path file, int scopes, int rowsPerScope, long seed) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    var random = new SplittableRandom(seed);
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("scope");
      for (int f = 0; f < FEATURES; f++) {
        out.write(",f%02d".formatted(f));
      }
      out.write(",label\n");
      double[] x = new double[FEATURES];
      var line = new StringBuilder(256);
      for (int s = 0; s < scopes; s++) {
        double[] w = new double[6];
        for (int i = 0; i < w.length; i++) {
          w[i] = random.nextDouble(0.5, 1.5) * (random.nextBoolean() ? 1 : -1);
        }
        String scope = "s%03d".formatted(s);
        for (int r = 0; r < rowsPerScope; r++) {
          line.setLength(0);
          line.append(scope);
          for (int f = 0; f < FEATURES; f++) {
            x[f] = random.nextDouble(-2, 2);
            line.append(',').append(String.format(Locale.ROOT, "%.3f", x[f]));
          }
          double score =
              w[0] * x[0] * x[1]
                  + w[1] * Math.abs(x[2])
                  + w[2] * Math.sin(3 * x[3])
                  + w[3] * x[4] * x[4]
                  + w[4] * x[5]
                  + w[5] * (x[6] > 0.5 ? 1 : -0.3) * x[7]
                  + random.nextGaussian() * 0.7;
          line.append(score > 0 ? ",yes\n" : ",no\n");
          out.write(line.toString());
        }
      }
    }
    return file;
  }
}
