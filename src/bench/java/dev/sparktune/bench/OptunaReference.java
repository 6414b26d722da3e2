package dev.sparktune.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The median regrets of {@code optuna_reference.md}: per function ("## branin  (dim 2 …"), a
 * table whose rows are samplers and whose cells read "median [Q1, Q3]" for B=25, 50, 100, 200.
 */
final class OptunaReference {
  private static final Pattern HEADING = Pattern.compile("^## (\\w+)\\s+\\(dim.*");
  private static final Pattern CELL = Pattern.compile("^\\s*([-+0-9.eE]+)\\s*\\[.*");

  /** function → sampler → budget → median */
  private final Map<String, Map<String, Map<Integer, Double>>> medians = new HashMap<>();

  static OptunaReference parse(File md) throws IOException {
    OptunaReference ref = new OptunaReference();
    String function = null;
    int[] budgets = null;
    for (String line : Files.readAllLines(md.toPath())) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        function = h.group(1);
        budgets = null;
        continue;
      }
      if (function == null || !line.startsWith("|")) continue;
      String[] cells = line.split("\\|");
      if (cells.length < 3) continue;
      if (cells[1].trim().equals("sampler")) {
        budgets = new int[cells.length];
        for (int i = 2; i < cells.length; i++) {
          String c = cells[i].trim();
          budgets[i] = c.startsWith("B=") ? Integer.parseInt(c.substring(2)) : -1;
        }
        continue;
      }
      if (budgets == null) continue;
      for (int i = 2; i < cells.length && i < budgets.length; i++) {
        Matcher m = CELL.matcher(cells[i]);
        if (budgets[i] > 0 && m.matches()) {
          ref.medians.computeIfAbsent(function, k -> new HashMap<>())
              .computeIfAbsent(cells[1].trim(), k -> new HashMap<>()).put(budgets[i], Double.parseDouble(m.group(1)));
        }
      }
    }
    return ref;
  }

  /** NaN when the reference has no figure for the cell. */
  double median(String function, String sampler, int budget) {
    return medians.getOrDefault(function, Map.of()).getOrDefault(sampler, Map.of()).getOrDefault(budget, Double.NaN);
  }
}
