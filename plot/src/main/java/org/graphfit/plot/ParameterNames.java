package org.graphfit.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.model.ModelLayout;

/**
 * The names pictures give free parameters: a parameter in one slot by its path ({@code
 * dataset_3.sigma}), a parameter shared by several slots by the name its slots have in common
 * ({@code dataset_0.centre}, {@code dataset_1.centre} and {@code mixed.gaussian.centre} share
 * {@code centre}), not by the path of its first slot.
 */
final class ParameterNames {
  private ParameterNames() {}

  /**
   * The display name of every free parameter of a layout, in free-parameter order; a shared name
   * that another parameter's name already is falls back to the first slot's path.
   *
   * @param layout the layout
   * @return one distinct name per free parameter
   */
  static List<String> of(ModelLayout<?> layout) {
    List<String> names = new ArrayList<>(layout.priorCount());
    Map<String, Integer> count = new HashMap<>();
    for (int i = 0; i < layout.priorCount(); i++) {
      String name = sharedName(layout.slotPathsOf(i), layout.freeParameterPaths().get(i));
      names.add(name);
      count.merge(name, 1, Integer::sum);
    }
    for (int i = 0; i < names.size(); i++) {
      if (count.get(names.get(i)) > 1) {
        names.set(i, layout.freeParameterPaths().get(i));
      }
    }
    return names;
  }

  /**
   * The longest common ending, in whole path segments, of the slot paths of one parameter; the
   * first path when there is one slot or nothing in common.
   *
   * @param paths the slot paths, at least one
   * @param first the path of the first slot
   * @return the name
   */
  static String sharedName(List<String> paths, String first) {
    if (paths.size() < 2) {
      return first;
    }
    String[] common = paths.get(0).split("\\.");
    int length = common.length;
    for (String path : paths.subList(1, paths.size())) {
      String[] segments = path.split("\\.");
      int same = 0;
      while (same < length
          && same < segments.length
          && common[common.length - 1 - same].equals(segments[segments.length - 1 - same])) {
        same++;
      }
      length = same;
    }
    if (length == 0) {
      return first;
    }
    return String.join(".", List.of(common).subList(common.length - length, common.length));
  }
}
