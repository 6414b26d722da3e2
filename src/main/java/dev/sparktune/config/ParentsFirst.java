package dev.sparktune.config;

import dev.sparktune.space.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders params so every condition's parent comes before its children, and otherwise by name, so
 * the same file always gives the same space (HOCON objects are unordered; the unit-cube coordinates
 * and the grid depend on the order).
 */
final class ParentsFirst {
  private ParentsFirst() {}

  /**
   * Topological order with ties broken by name (Kahn's algorithm over a name-ordered queue). Each
   * param has at most one parent, so a param is ready as soon as its parent is placed.
   */
  static List<Param> order(Map<String, Param> params, Map<String, SpaceReader.Draft> drafts, Problems problems) {
    Map<String, List<String>> children = new TreeMap<>();
    PriorityQueue<String> ready = new PriorityQueue<>();
    for (Param p : params.values()) {
      String parent = p.condition().map(c -> c.parent()).orElse(null);
      if (parent == null || !params.containsKey(parent)) {
        ready.add(p.name()); // a missing parent was reported already
      } else {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(p.name());
      }
    }
    List<Param> ordered = new ArrayList<>();
    while (!ready.isEmpty()) {
      String name = ready.poll();
      ordered.add(params.get(name));
      ready.addAll(children.getOrDefault(name, List.of()));
    }
    if (ordered.size() < params.size()) {
      TreeSet<String> cycle = new TreeSet<>(params.keySet());
      ordered.forEach(p -> cycle.remove(p.name()));
      SpaceReader.Draft first = drafts.get(cycle.first());
      problems.expected(first.when().orElseThrow().origin(), first.path() + ".when",
          "conditions without a cycle", "a cycle among " + String.join(", ", cycle));
    }
    return ordered;
  }
}
