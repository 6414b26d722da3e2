package dev.sparktune.config;

import dev.sparktune.config.Settings.Model.Stage;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks that the tuned and fixed param names fit the model: {@code stage.param} with a known stage
 * in a pipeline, a plain MLlib name otherwise, and no param both fixed and tuned (which would
 * leave it unclear which value a trial uses).
 */
final class ModelSpaceCheck {
  private ModelSpaceCheck() {}

  static void check(Settings.Model model, SearchSpace space, ValueReader r) {
    Set<String> stages = model.pipeline().stream().map(Stage::name).collect(Collectors.toCollection(TreeSet::new));
    for (Param p : space.params()) {
      name(SpaceReader.PATH + "." + p.name(), p.name(), stages, r);
    }
    for (String key : model.fixed().keySet()) {
      String path = "sparktune.model.fixed." + key;
      name(path, key, stages, r);
      if (space.param(key).isPresent()) {
        r.problems().expected(r.origin(path), path, "a param that is not also tuned in " + SpaceReader.PATH,
            "'" + key + "' in both");
      }
    }
    List<Stage> pipeline = model.pipeline();
    for (int i = 0; i < pipeline.size(); i++) {
      for (String key : pipeline.get(i).fixed().keySet()) {
        String qualified = pipeline.get(i).name() + "." + key;
        if (space.param(qualified).isPresent()) {
          String path = "sparktune.model.pipeline." + i + ".fixed." + key;
          r.problems().expected(r.origin("sparktune.model.pipeline"), path,
              "a param that is not also tuned in " + SpaceReader.PATH, "'" + qualified + "' in both");
        }
      }
    }
  }

  private static void name(String path, String name, Set<String> stages, ValueReader r) {
    int dot = name.indexOf('.');
    if (stages.isEmpty() && dot >= 0) {
      r.problems().expected(r.origin(path), path,
          "an MLlib param name (stage.param needs sparktune.model.pipeline)", "'" + name + "'");
    } else if (!stages.isEmpty() && (dot < 0 || !stages.contains(name.substring(0, dot)))) {
      r.problems().expected(r.origin(path), path,
          "stage.param with a stage of sparktune.model.pipeline (" + String.join(", ", stages) + ")", "'" + name + "'");
    }
  }
}
