package dev.sparktune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  @Test
  void rejectsBadRangesWithTheParamName() {
    assertMessage("regParam: low (1.0) must be <= high (0.1)", () -> FloatParam.of("regParam", 1.0, 0.1));
    assertMessage("regParam: log scale needs low > 0, got 0.0", () -> FloatParam.log("regParam", 0.0, 1.0));
    assertMessage("x: step cannot be combined with log scale",
        () -> new FloatParam("x", 1, 2, true, OptionalDouble.of(0.1), Optional.empty()));
    assertMessage("maxDepth: low (5) must be <= high (2)", () -> IntParam.of("maxDepth", 5, 2));
    assertMessage("impurity: choice gini is listed twice", () -> CategoricalParam.of("impurity", "gini", "gini"));
  }

  @Test
  void rejectsBrokenConditions() {
    assertMessage("mix: condition refers to 'penalty', which is not a param defined before it",
        () -> SearchSpace.of(FloatParam.of("mix", 0, 1).when(new Condition("penalty", List.of("x")))));
    assertMessage("mix: condition parent 'depth' must be categorical",
        () -> SearchSpace.of(IntParam.of("depth", 1, 3), FloatParam.of("mix", 0, 1).when(new Condition("depth", List.of(1L)))));
    assertMessage("mix: condition value l1 is not a choice of 'penalty' [l2, elastic]",
        () -> SearchSpace.of(CategoricalParam.of("penalty", "l2", "elastic"),
            FloatParam.of("mix", 0, 1).when(new Condition("penalty", List.of("l1")))));
    assertMessage("a: param is defined twice", () -> SearchSpace.of(FloatParam.of("a", 0, 1), FloatParam.of("a", 0, 1)));
  }

  @Test
  void containsChecksTypesBoundsAndSteps() {
    SearchSpace s = SearchSpace.of(IntParam.of("d", 1, 5),
        new FloatParam("f", 0.0, 1.0, false, OptionalDouble.of(0.25), Optional.empty()));
    assertTrue(s.contains(Assignment.of(java.util.Map.of("d", 3L, "f", 0.75))));
    assertEquals(false, s.contains(Assignment.of(java.util.Map.of("d", 3L, "f", 0.7))));
    assertEquals(false, s.contains(Assignment.of(java.util.Map.of("d", 3.0, "f", 0.75))));
    assertEquals(false, s.contains(Assignment.of(java.util.Map.of("d", 6L, "f", 0.75))));
    assertEquals(false, s.contains(Assignment.of(java.util.Map.of("d", 3L))));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
  }
}
