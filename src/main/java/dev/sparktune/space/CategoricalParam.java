package dev.sparktune.space;

import java.util.List;
import java.util.Optional;

/** A choice among strings, numbers or booleans. Order matters only for the grid and the encoding. */
public record CategoricalParam(String name, List<Object> choices, Optional<Condition> condition)
    implements Param {

  public CategoricalParam {
    Checks.arg(choices != null && !choices.isEmpty(), "%s: needs at least one choice", name);
    for (Object c : choices) {
      Checks.arg(c instanceof String || c instanceof Double || c instanceof Long || c instanceof Boolean,
          "%s: choices must be strings, numbers or booleans, got %s", name, c);
    }
    choices = List.copyOf(choices);
    for (int i = 0; i < choices.size(); i++) {
      for (int j = i + 1; j < choices.size(); j++) {
        Checks.arg(!Values.same(choices.get(i), choices.get(j)), "%s: choice %s is listed twice", name,
            choices.get(i));
      }
    }
  }

  public static CategoricalParam of(String name, Object... choices) {
    return new CategoricalParam(name, List.of(choices), Optional.empty());
  }

  public CategoricalParam when(Condition c) {
    return new CategoricalParam(name, choices, Optional.of(c));
  }

  public int indexOf(Object value) {
    for (int i = 0; i < choices.size(); i++) {
      if (Values.same(choices.get(i), value)) return i;
    }
    return -1;
  }

  @Override
  public Object decode(double u) {
    u = Checks.unit(u);
    int i = Math.min(choices.size() - 1, (int) Math.floor(u * choices.size()));
    return choices.get(i);
  }

  @Override
  public double encode(Object value) {
    int i = indexOf(value);
    Checks.arg(i >= 0, "%s: %s is not one of %s", name, value, choices);
    return (i + 0.5) / choices.size();
  }

  @Override
  public boolean contains(Object value) {
    return indexOf(value) >= 0;
  }
}
