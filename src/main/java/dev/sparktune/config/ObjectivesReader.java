package dev.sparktune.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Measure;
import dev.sparktune.pareto.Selection;
import dev.sparktune.trial.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code sparktune.metric} (one name, or a list of objectives), {@code sparktune.constraints}
 * and {@code sparktune.select}; every mistake is one problem naming its key. Whether the evaluator
 * metric fits the estimator is the MLlib edge's check, as for a single metric.
 */
final class ObjectivesReader {
  static final String METRIC = "sparktune.metric";
  static final String CONSTRAINTS = "sparktune.constraints";
  private static final Pattern CONSTRAINT =
      Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*(<=|>=|<|>)\\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*");
  private static final Map<String, Direction> DIRECTIONS = Map.of("max", Direction.MAXIMIZE, "maximize",
      Direction.MAXIMIZE, "min", Direction.MINIMIZE, "minimize", Direction.MINIMIZE);

  private ObjectivesReader() {}

  /** What was read: the evaluator metric as written ("" = the evaluator's default) and the objectives. */
  record Read(String metric, ObjectivesSettings objectives) {}

  static Read read(ValueReader r) {
    List<ObjectivesSettings.Objective> objectives = objectives(r);
    String metric = objectives.stream().filter(o -> !o.builtIn()).map(ObjectivesSettings.Objective::name)
        .findFirst().orElse("");
    List<Constraint> constraints = constraints(r, metric);
    Selection select = select(r, objectives);
    return new Read(metric, new ObjectivesSettings(objectives, constraints, select));
  }

  private static List<ObjectivesSettings.Objective> objectives(ValueReader r) {
    Optional<ConfigValue> v = r.lookup(METRIC);
    if (v.isEmpty() || v.get().valueType() != ConfigValueType.LIST) {
      String one = r.string(METRIC).trim();
      if (Measure.byKey(one).isPresent()) {
        r.problems().add(r.origin(METRIC), METRIC, "'" + one + "' is a built-in measure, and a study needs an evaluator "
            + "metric too: list both, e.g. [areaUnderROC, " + one + "]");
      }
      return List.of(new ObjectivesSettings.Objective(one, Optional.empty()));
    }
    ConfigList list = (ConfigList) v.get();
    Map<String, ObjectivesSettings.Objective> byName = new LinkedHashMap<>();
    for (ConfigValue item : list) {
      Optional<String> text = Scalars.string(item);
      String[] words = text.map(t -> t.trim().split("\\s+")).orElse(new String[0]);
      if (text.isEmpty() || words.length == 0 || words[0].isEmpty() || words.length > 2
          || (words.length == 2 && !DIRECTIONS.containsKey(words[1].toLowerCase(Locale.ROOT)))) {
        r.problems().expected(item.origin(), METRIC, "a metric name or \"name maximize|minimize\"", Scalars.render(item));
        continue;
      }
      Optional<Direction> d = words.length == 2 ? Optional.of(DIRECTIONS.get(words[1].toLowerCase(Locale.ROOT)))
          : Optional.empty();
      ObjectivesSettings.Objective o = new ObjectivesSettings.Objective(words[0], d);
      if (d.isPresent() && !o.builtIn()) {
        // The study, its stop rules and the refit all read the metric's direction from the evaluator.
        r.problems().add(item.origin(), METRIC, "'" + words[0] + "' takes its direction from the evaluator; only "
            + "built-in measures take one (" + String.join(", ", Measure.keys()) + ")");
        continue;
      }
      ObjectivesSettings.Objective before = byName.putIfAbsent(words[0], o);
      if (before != null) {
        boolean twoWays = before.direction().isPresent() && d.isPresent() && before.direction().get() != d.get();
        r.problems().add(item.origin(), METRIC, "'" + words[0] + "' is listed twice" + (twoWays
            ? " with two directions (" + word(before.direction().get()) + " and " + word(d.get()) + ")" : "")
            + "; give each objective once");
      }
    }
    if (byName.isEmpty()) {
      if (list.isEmpty()) r.problems().expected(list.origin(), METRIC, "a metric name or a non-empty list", "[]");
      return List.of(new ObjectivesSettings.Objective("", Optional.empty()));
    }
    List<String> evaluators = byName.keySet().stream().filter(n -> Measure.byKey(n).isEmpty()).toList();
    if (evaluators.size() != 1) {
      String near = evaluators.stream().map(n -> DidYouMean.closest(n, Measure.keys()).map(m -> " ('" + n
          + "': did you mean '" + m + "'?)").orElse("")).reduce("", String::concat);
      r.problems().add(list.origin(), METRIC, (evaluators.isEmpty()
          ? "no evaluator metric among the objectives"
          : "one evaluator metric is allowed, got " + evaluators.size() + " (" + String.join(", ", evaluators) + ")")
          + near + "; the others must be built-in measures: " + String.join(", ", Measure.keys()));
    }
    return List.copyOf(byName.values());
  }

  private static String word(Direction d) {
    return d == Direction.MAXIMIZE ? "maximize" : "minimize";
  }

  private static List<Constraint> constraints(ValueReader r, String metric) {
    List<String> lines = r.strings(CONSTRAINTS);
    List<Constraint> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = CONSTRAINT.matcher(line);
      if (!m.matches()) {
        r.problems().expected(r.origin(CONSTRAINTS), CONSTRAINTS, "\"name < number\" (or <=, >, >=)", "'" + line + "'");
        continue;
      }
      String name = m.group(1);
      boolean known = Measure.byKey(name).isPresent() || (!metric.isEmpty() && name.equalsIgnoreCase(metric));
      if (!known) {
        List<String> names = new ArrayList<>(Measure.keys());
        if (!metric.isEmpty()) names.add(metric);
        r.problems().add(r.origin(CONSTRAINTS), CONSTRAINTS, "'" + line.trim() + "': '" + name
            + "' is neither the metric nor a built-in measure" + DidYouMean.hint(name, names, "names"));
        continue;
      }
      Constraint.Op op = switch (m.group(2)) {
        case "<" -> Constraint.Op.LT;
        case "<=" -> Constraint.Op.LE;
        case ">" -> Constraint.Op.GT;
        default -> Constraint.Op.GE;
      };
      try {
        out.add(new Constraint(name, op, Double.parseDouble(m.group(3))));
      } catch (IllegalArgumentException e) {
        r.problems().add(r.origin(CONSTRAINTS), CONSTRAINTS, "'" + line.trim() + "': " + e.getMessage());
      }
    }
    return out;
  }

  private static Selection select(ValueReader r, List<ObjectivesSettings.Objective> objectives) {
    double within = r.read("sparktune.select.within", "a number >= 0", v -> {
      java.util.OptionalDouble d = Scalars.number(v);
      return d.isPresent() && d.getAsDouble() >= 0 && Double.isFinite(d.getAsDouble())
          ? Optional.of(d.getAsDouble()) : Optional.<Double>empty();
    }).orElse(0.0);
    String prefer = r.string("sparktune.select.prefer").trim();
    if (!prefer.isEmpty() && objectives.stream().noneMatch(o -> o.name().equals(prefer))) {
      List<String> names = objectives.stream().map(ObjectivesSettings.Objective::name).toList();
      r.problems().add(r.origin("sparktune.select.prefer"), "sparktune.select.prefer", "'" + prefer
          + "' is not one of the objectives " + names + DidYouMean.hint(prefer, names, "objectives"));
    }
    return new Selection(Double.isFinite(within) ? within : 0, prefer.isEmpty() ? Optional.empty() : Optional.of(prefer));
  }
}
