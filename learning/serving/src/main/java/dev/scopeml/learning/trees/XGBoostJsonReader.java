package dev.scopeml.learning.trees;

import java.math.BigDecimal;
import java.util.Arrays;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads xgboost's JSON model format ({@code Booster.toByteArray("json")}) into a {@link
 * TreeEnsemble}. The saved model, not the text dump, is read because only it carries the base score
 * and every threshold in full float precision.
 */
public final class XGBoostJsonReader {

  // Thresholds are read as exact decimals and rounded once to float: going through double could
  // round a value that sits on a float rounding boundary the other way.
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private XGBoostJsonReader() {}

  /**
   * Parses a model.
   *
   * @param modelJson the booster's JSON model
   * @param featureSlots per xgboost feature index, the slot of the encoded row that holds it, or -1
   *     if the encoded row has no such feature (a tree splitting on it is an error)
   * @param width the encoded row width
   * @throws IllegalArgumentException for models this reader cannot evaluate exactly (dart boosters,
   *     categorical splits, vector leaves, other objectives) or that do not fit the feature slots
   */
  public static TreeEnsemble read(byte[] modelJson, int[] featureSlots, int width) {
    return read(JSON.readTree(modelJson), featureSlots, width);
  }

  /**
   * Reads a booster's model document already parsed, e.g. from the UBJSON xgboost saves by default
   * ({@link UbjsonParser}).
   *
   * @see #read(byte[], int[], int)
   */
  public static TreeEnsemble read(JsonNode root, int[] featureSlots, int width) {
    JsonNode learner = root.path("learner");
    Objective objective = Objective.of(learner.path("objective").path("name").asString());
    JsonNode booster = learner.path("gradient_booster");
    String boosterName = booster.path("name").asString();
    if (!"gbtree".equals(boosterName)) {
      throw new IllegalArgumentException("only gbtree boosters are supported, not " + boosterName);
    }
    JsonNode modelParams = learner.path("learner_model_param");
    int numClass = Integer.parseInt(modelParams.path("num_class").asString("0"));
    int groups = objective == Objective.MULTI_SOFTPROB ? numClass : 1;
    if (groups < 1 || (objective == Objective.BINARY_LOGISTIC && numClass > 1)) {
      throw new IllegalArgumentException(
          objective.xgboostName() + " model with num_class " + numClass);
    }
    float[] baseMargin = baseMargin(modelParams.path("base_score").asString(), objective, groups);

    JsonNode model = booster.path("model");
    JsonNode trees = model.path("trees");
    JsonNode treeInfo = model.path("tree_info");
    int treeCount = trees.size();
    int totalNodes = 0;
    for (JsonNode tree : trees.values()) {
      totalNodes += tree.path("left_children").size();
    }
    var builder = new Builder(treeCount, totalNodes, featureSlots, width);
    for (int t = 0; t < treeCount; t++) {
      int group = treeInfo.path(t).intValue(0);
      if (group < 0 || group >= groups) {
        throw new IllegalArgumentException("tree " + t + " adds to group " + group);
      }
      builder.addTree(t, trees.get(t), group);
    }
    return builder.build(baseMargin, objective, version(root.path("version")));
  }

  private static float[] baseMargin(String baseScore, Objective objective, int groups) {
    String text = baseScore.trim();
    float[] scores;
    if (text.startsWith("[")) {
      String[] parts = text.substring(1, text.length() - 1).split(",");
      scores = new float[parts.length];
      for (int i = 0; i < parts.length; i++) {
        scores[i] = new BigDecimal(parts[i].trim()).floatValue();
      }
    } else {
      scores = new float[] {new BigDecimal(text).floatValue()};
    }
    if (scores.length == 1 && groups > 1) {
      float single = scores[0];
      scores = new float[groups];
      Arrays.fill(scores, single);
    }
    if (scores.length != groups) {
      throw new IllegalArgumentException(
          "base_score has " + scores.length + " values for " + groups + " groups");
    }
    if (objective == Objective.BINARY_LOGISTIC) {
      // xgboost keeps base_score as a probability and starts from its log-odds, computed in float.
      for (int g = 0; g < groups; g++) {
        scores[g] = (float) -Math.log(1.0f / scores[g] - 1.0f);
      }
    }
    return scores;
  }

  private static String version(JsonNode version) {
    var text = new StringBuilder();
    for (JsonNode part : version.values()) {
      if (!text.isEmpty()) {
        text.append('.');
      }
      text.append(part.intValue());
    }
    return text.isEmpty() ? "unknown" : text.toString();
  }

  private static float floatAt(JsonNode array, int index) {
    JsonNode node = array.get(index);
    return node.isNumber() ? node.decimalValue().floatValue() : Float.parseFloat(node.asString());
  }

  private static boolean flagAt(JsonNode array, int index) {
    JsonNode node = array.get(index);
    return node.isBoolean() ? node.booleanValue() : node.intValue() != 0;
  }

  /**
   * Lays trees out breadth-first so that the children of a split are adjacent, and encodes nodes as
   * {@link TreeEnsemble} describes.
   */
  private static final class Builder {
    private final int[] roots;
    private final int[] treeGroup;
    private final int[] treeDepth;
    private final int[] nodes;
    private final int[] featureSlots;
    private final int width;
    private int used;

    Builder(int treeCount, int totalNodes, int[] featureSlots, int width) {
      this.roots = new int[treeCount];
      this.treeGroup = new int[treeCount];
      this.treeDepth = new int[treeCount];
      this.nodes = new int[totalNodes * TreeEnsemble.STRIDE];
      this.featureSlots = featureSlots;
      this.width = width;
    }

    /** Reserves the next node and returns its offset. */
    private int allocate() {
      return TreeEnsemble.STRIDE * used++;
    }

    void addTree(int t, JsonNode tree, int group) {
      JsonNode lefts = tree.path("left_children");
      JsonNode rights = tree.path("right_children");
      JsonNode splitIndices = tree.path("split_indices");
      JsonNode conditions = tree.path("split_conditions");
      JsonNode defaultLeft = tree.path("default_left");
      JsonNode splitType = tree.path("split_type");
      int size = lefts.size();
      if (size == 0 || rights.size() != size || conditions.size() != size) {
        throw new IllegalArgumentException("tree " + t + " is malformed");
      }
      int sizeLeaf =
          Integer.parseInt(tree.path("tree_param").path("size_leaf_vector").asString("1"));
      if (sizeLeaf > 1) {
        throw new IllegalArgumentException("tree " + t + " has vector leaves");
      }
      treeGroup[t] = group;
      // Queue of (xgboost node, our offset) pairs; a tree cannot hold more nodes than it lists.
      int[] queueNode = new int[size];
      int[] queueAt = new int[size];
      int[] queueDepth = new int[size];
      int head = 0;
      int tail = 0;
      int depth = 0;
      queueNode[tail] = 0;
      queueAt[tail++] = roots[t] = allocate();
      while (head < tail) {
        int node = queueNode[head];
        int level = queueDepth[head];
        int at = queueAt[head++];
        depth = Math.max(depth, level);
        int leftChild = lefts.get(node).intValue();
        if (leftChild < 0) {
          float value = floatAt(conditions, node);
          if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("tree " + t + " has a leaf of " + value);
          }
          set(at, PreparedRow.leaf(width), at, value);
          continue;
        }
        if (splitType.size() > node && splitType.get(node).intValue() != 0) {
          throw new IllegalArgumentException("tree " + t + " has a categorical split");
        }
        int xgbFeature = splitIndices.get(node).intValue();
        int slot = xgbFeature < featureSlots.length ? featureSlots[xgbFeature] : -1;
        if (slot < 0 || slot >= width) {
          throw new IllegalArgumentException(
              "tree " + t + " splits on xgboost feature " + xgbFeature + ", unknown to the schema");
        }
        float threshold = floatAt(conditions, node);
        int first = allocate();
        int second = allocate();
        int rightChild = rights.get(node).intValue();
        if (flagAt(defaultLeft, node)) {
          // Right child first: the step goes there when -x < nextUp(-threshold), i.e. x >= it.
          set(at, PreparedRow.negated(width, slot), first, Math.nextUp(-threshold));
          enqueue(queueNode, queueAt, queueDepth, tail++, rightChild, first, level + 1);
          enqueue(queueNode, queueAt, queueDepth, tail++, leftChild, second, level + 1);
        } else {
          set(at, slot, first, threshold);
          enqueue(queueNode, queueAt, queueDepth, tail++, leftChild, first, level + 1);
          enqueue(queueNode, queueAt, queueDepth, tail++, rightChild, second, level + 1);
        }
      }
      treeDepth[t] = depth;
    }

    private void set(int at, int rowSlot, int child, float bound) {
      nodes[at + TreeEnsemble.ROW_SLOT] = rowSlot;
      nodes[at + TreeEnsemble.CHILD] = child;
      nodes[at + TreeEnsemble.BOUND] = Float.floatToRawIntBits(bound);
    }

    private static void enqueue(
        int[] queueNode, int[] queueAt, int[] queueDepth, int i, int node, int at, int depth) {
      queueNode[i] = node;
      queueAt[i] = at;
      queueDepth[i] = depth;
    }

    TreeEnsemble build(float[] baseMargin, Objective objective, String version) {
      return new TreeEnsemble(
          roots,
          treeGroup,
          treeDepth,
          Arrays.copyOf(nodes, used * TreeEnsemble.STRIDE),
          baseMargin,
          objective,
          width,
          version);
    }
  }
}
