package dev.scopeml.scorer.scoring;

import java.util.List;

/**
 * Where each row of a request went when its rows were grouped by scope: its group and its place in
 * that group. Both prediction APIs answer in request order through it.
 */
public final class RowOrder {

  private final int[] groupOfRow;
  private final int[] indexInGroup;

  private RowOrder(int[] groupOfRow, int[] indexInGroup) {
    this.groupOfRow = groupOfRow;
    this.indexInGroup = indexInGroup;
  }

  /**
   * @param groups the request's rows grouped by scope
   * @param rows the number of rows in the request
   */
  public static RowOrder of(List<ScopeGroup> groups, int rows) {
    int[] groupOfRow = new int[rows];
    int[] indexInGroup = new int[rows];
    for (int g = 0; g < groups.size(); g++) {
      int[] members = groups.get(g).rows();
      for (int i = 0; i < members.length; i++) {
        groupOfRow[members[i]] = g;
        indexInGroup[members[i]] = i;
      }
    }
    return new RowOrder(groupOfRow, indexInGroup);
  }

  /** The index, in the list of groups, of the group that holds request row {@code row}. */
  public int group(int row) {
    return groupOfRow[row];
  }

  /** The position of request row {@code row} within its group. */
  public int indexInGroup(int row) {
    return indexInGroup[row];
  }
}
