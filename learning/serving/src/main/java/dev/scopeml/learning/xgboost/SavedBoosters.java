package dev.scopeml.learning.xgboost;

import dev.scopeml.learning.trees.TreeEnsemble;
import dev.scopeml.learning.trees.UbjsonParser;
import dev.scopeml.learning.trees.XGBoostJsonReader;

/** Reads a saved booster, whether xgboost saved it as UBJSON (its default) or as JSON text. */
final class SavedBoosters {

  private SavedBoosters() {}

  /**
   * The booster's trees, laid out for the fast predictor.
   *
   * @throws IllegalArgumentException if the bytes are neither, e.g. xgboost's retired binary format
   */
  static TreeEnsemble ensemble(byte[] saved, int[] featureSlots, int width) {
    if (saved.length < 2 || saved[0] != '{') {
      throw new IllegalArgumentException(
          "booster saved in a format other than UBJSON or JSON (xgboost's retired binary format?)");
    }
    // JSON text opens an object with a quoted key (or whitespace); UBJSON with a length marker.
    return isJsonText(saved[1])
        ? XGBoostJsonReader.read(saved, featureSlots, width)
        : XGBoostJsonReader.read(UbjsonParser.parse(saved), featureSlots, width);
  }

  private static boolean isJsonText(byte second) {
    return second == '"' || second == '}' || Character.isWhitespace(second);
  }
}
