package dev.sparktune.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpaceReaderTest {

  @Test
  void readsEveryParamForm() {
    SearchSpace space = SpaceReader.parse("""
        regParam { type = float, low = 1e-4, high = 1.0, log = true }
        tol { type = float, low = 0, high = 1, step = 0.25 }
        maxDepth { type = int, low = 2, high = 10 }
        maxBins { type = int, low = 16, high = 256, log = true }
        numTrees { type = int, low = 10, high = 50, step = 10 }
        impurity { type = categorical, values = [gini, entropy] }
        mixed { type = categorical, values = [auto, 1, 2.5, true] }
        family = [auto, binomial]
        """);
    assertEquals(new FloatParam("regParam", 1e-4, 1.0, true, OptionalDouble.empty(), Optional.empty()),
        space.param("regParam").orElseThrow());
    assertEquals(new FloatParam("tol", 0, 1, false, OptionalDouble.of(0.25), Optional.empty()),
        space.param("tol").orElseThrow());
    assertEquals(IntParam.of("maxDepth", 2, 10), space.param("maxDepth").orElseThrow());
    assertEquals(new IntParam("maxBins", 16, 256, true, 1, Optional.empty()), space.param("maxBins").orElseThrow());
    assertEquals(new IntParam("numTrees", 10, 50, false, 10, Optional.empty()), space.param("numTrees").orElseThrow());
    assertEquals(CategoricalParam.of("impurity", "gini", "entropy"), space.param("impurity").orElseThrow());
    assertEquals(CategoricalParam.of("family", "auto", "binomial"), space.param("family").orElseThrow());
    // Whole numbers become Long, others Double; strings and booleans stay as they are.
    assertEquals(List.of("auto", 1L, 2.5, true), ((CategoricalParam) space.param("mixed").orElseThrow()).choices());
  }

  @Test
  void unconditionalParamsAreOrderedByName() {
    SearchSpace space = SpaceReader.parse("zeta = [a, b]\nalpha = [c, d]\nmid { type = int, low = 1, high = 2 }");
    assertEquals(List.of("alpha", "mid", "zeta"), names(space));
  }

  @Test
  void explicitNumericValuesBecomeNumericCategoricals() {
    SearchSpace space = SpaceReader.parse("""
        regParam { type = float, values = [0.01, 0.1, 1] }
        maxDepth { type = int, values = [3, 5, 8.0] }
        """);
    assertEquals(List.of(0.01, 0.1, 1.0), ((CategoricalParam) space.param("regParam").orElseThrow()).choices());
    assertEquals(List.of(3L, 5L, 8L), ((CategoricalParam) space.param("maxDepth").orElseThrow()).choices());
  }

  @Test
  void parentsComeBeforeChildrenWhateverTheirNames() {
    SearchSpace space = SpaceReader.parse("""
        aChild { type = float, low = 0, high = 1, when { zParent = [elastic] } }
        zParent = [l2, elastic]
        bGrandChild { type = int, low = 1, high = 3, when { mKind = [x, 2] } }
        mKind { type = categorical, values = [x, 2, y], when { zParent = elastic } }
        plain = [u, v]
        """);
    assertEquals(List.of("plain", "zParent", "aChild", "mKind", "bGrandChild"), names(space));
    assertEquals(Optional.of(new Condition("zParent", List.of("elastic"))), space.param("aChild").orElseThrow().condition());
    // The condition holds the parent's own choice objects, so a number matches the parent's Long.
    assertEquals(List.of("x", 2L), space.param("bGrandChild").orElseThrow().condition().orElseThrow().values());
  }

  @Test
  void stagesAreNamespacesInAnyHoconSpelling() {
    SearchSpace space = SpaceReader.parse("""
        lr {
          regParam { type = float, low = 0.001, high = 1, log = true }
          penalty = [l2, elastic]
          elasticNetParam { type = float, low = 0, high = 1, when { penalty = [elastic] } }
        }
        scaler.withMean = [true, false]
        "rf.maxDepth" { type = int, low = 2, high = 4 }
        gbt { maxIter { type = int, low = 5, high = 10, when { lr.penalty = [l2] } } }
        """);
    assertEquals(List.of("lr.penalty", "gbt.maxIter", "lr.elasticNetParam", "lr.regParam", "rf.maxDepth",
        "scaler.withMean"), names(space));
    // Inside lr, "penalty" means lr.penalty; from another stage it must be qualified.
    assertEquals("lr.penalty", space.param("lr.elasticNetParam").orElseThrow().condition().orElseThrow().parent());
    assertEquals("lr.penalty", space.param("gbt.maxIter").orElseThrow().condition().orElseThrow().parent());
    assertInstanceOf(IntParam.class, space.param("rf.maxDepth").orElseThrow());
    assertEquals(List.of(true, false), ((CategoricalParam) space.param("scaler.withMean").orElseThrow()).choices());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '^', textBlock = """
      missing type ^ x { low = 1, high = 2 } ^ space:1: sparktune.space.x: expected a param with type = float|int|categorical
      unknown type ^ x { type = flaot, low = 1, high = 2 } ^ space:1: sparktune.space.x.type: expected one of float|int|categorical, got 'flaot'; did you mean 'float'?
      low above high ^ x { type = float, low = 2, high = 1 } ^ space:1: sparktune.space.x: expected low <= high, got low = 2 and high = 1
      int low above high ^ x { type = int, low = 5, high = 1 } ^ space:1: sparktune.space.x: expected low <= high, got low = 5 and high = 1
      float log at zero ^ x { type = float, low = 0, high = 1, log = true } ^ space:1: sparktune.space.x.low: expected a number > 0 because log = true, got 0
      int log at zero ^ x { type = int, low = 0, high = 8, log = true } ^ space:1: sparktune.space.x.low: expected an integer >= 1 because log = true, got 0
      step with log ^ x { type = float, low = 1, high = 8, log = true, step = 1 } ^ space:1: sparktune.space.x.step: expected no step because log = true, got 1
      float step not > 0 ^ x { type = float, low = 0, high = 1, step = 0 } ^ space:1: sparktune.space.x.step: expected a number > 0, got 0
      int not whole ^ x { type = int, low = 1.5, high = 4 } ^ space:1: sparktune.space.x.low: expected an integer, got 1.5
      missing high ^ x { type = float, low = 1 } ^ space:1: sparktune.space.x.high: expected a number, got nothing
      bad log flag ^ x { type = float, low = 1, high = 2, log = maybe } ^ space:1: sparktune.space.x.log: expected true or false, got 'maybe'
      empty values ^ x { type = categorical, values = [] } ^ space:1: sparktune.space.x.values: expected a non-empty list of strings, numbers or booleans, got []
      empty shorthand ^ x = [] ^ space:1: sparktune.space.x: expected a non-empty list of strings, numbers or booleans, got []
      missing values ^ x { type = categorical } ^ space:1: sparktune.space.x.values: expected a non-empty list of strings, numbers or booleans, got nothing
      nested list choice ^ x = [a, [b]] ^ space:1: sparktune.space.x: expected a non-empty list of strings, numbers or booleans, got ["a",["b"]]
      duplicate choice ^ x = [a, b, a] ^ space:1: sparktune.space.x: expected distinct choices, got a twice
      int values not whole ^ x { type = int, values = [1, 2.5] } ^ space:1: sparktune.space.x.values: expected a non-empty list of integers, got [1,2.5]
      values and range ^ x { type = float, values = [1, 2], low = 0 } ^ space:1: sparktune.space.x.low: expected either a values list or low/high, not both
      unknown param key ^ x { type = float, low = 1, hgih = 2 } ^ space:1: sparktune.space.x.hgih: unknown key; did you mean 'high'?
      categorical low ^ x { type = categorical, values = [a], low = 1 } ^ space:1: sparktune.space.x.low: unknown key; known keys of a categorical param: type, values, when
      scalar entry ^ x = 0.1 ^ space:1: sparktune.space.x: expected a param {type = ...} or a list of choices (constants belong in sparktune.model.fixed), got 0.1
      empty object ^ x {} ^ space:1: sparktune.space.x: expected a param with type = float|int|categorical (or a stage of params), got {}
      parent unknown ^ p = [a, b]\\nx { type = int, low = 1, high = 2, when { q = [a] } } ^ space:2: sparktune.space.x.when.q: expected the name of a categorical param of this space, got 'q'; did you mean 'p'?
      parent not categorical ^ p { type = float, low = 0, high = 1 }\\nx { type = int, low = 1, high = 2, when { p = [a] } } ^ space:2: sparktune.space.x.when.p: expected a categorical param, got 'p', a float param
      value not a choice ^ p = [l2, elastic]\\nx { type = int, low = 1, high = 2, when { p = [elastc] } } ^ space:2: sparktune.space.x.when.p: expected a non-empty list of choices of 'p' [l2, elastic], got 'elastc'
      two parents ^ p = [a]\\nq = [b]\\nx { type = int, low = 1, high = 2, when { p = a, q = b } } ^ space:3: sparktune.space.x.when: expected one parent such as when { penalty = [elastic] }, got p, q
      own parent ^ x { type = categorical, values = [a], when { x = [a] } } ^ space:1: sparktune.space.x.when.x: expected another param, got the param itself
      cycle ^ a { type = categorical, values = [1], when { b = [1] } }\\nb { type = categorical, values = [1], when { a = [1] } } ^ space:1: sparktune.space.a.when: expected conditions without a cycle, got a cycle among a, b
      """)
  void eachMistakeNamesItsKeyAndWhatWasExpected(String what, String body, String expected) {
    ConfigError e = assertThrows(ConfigError.class, () -> SpaceReader.parse(body.replace("\\n", "\n")));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith(expected), () -> what + ": " + e.getMessage());
  }

  @Test
  void emptySpaceIsRefused() {
    ConfigError e = assertThrows(ConfigError.class, () -> SpaceReader.parse(""));
    assertTrue(e.getMessage().startsWith("space:1: sparktune.space: expected at least one param"), e.getMessage());
  }

  @Test
  void everyProblemIsReportedOnOneLine() {
    ConfigError e = assertThrows(ConfigError.class, () -> SpaceReader.parse("""
        a { type = float, low = 2, high = 1 }
        b { type = int }
        c = []
        """));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith("space:1: sparktune.space.a: expected low <= high"), e.getMessage());
    assertTrue(e.getMessage().contains(" (and 3 more: space:2: sparktune.space.b.low: expected an integer, got nothing; "
        + "space:2: sparktune.space.b.high: expected an integer, got nothing; "
        + "space:3: sparktune.space.c: expected a non-empty list"), e.getMessage());
  }

  @Test
  void syntaxErrorsNameTheLine() {
    ConfigError e = assertThrows(ConfigError.class, () -> SpaceReader.parse("a = [x, y]\nb { type = int"));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith("space:"), e.getMessage());
  }

  @Test
  void didYouMeanOnlyForNearMisses() {
    assertEquals(Optional.of("trials"), DidYouMean.closest("trails", List.of("trials", "seed", "sampler")));
    assertEquals(Optional.of("high"), DidYouMean.closest("hihg", List.of("low", "high", "log")));
    assertFalse(DidYouMean.closest("colour", List.of("trials", "seed", "sampler")).isPresent());
    assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    assertEquals(1, DidYouMean.distance("trails", "trials"));
  }

  private static List<String> names(SearchSpace space) {
    return space.params().stream().map(Param::name).toList();
  }

  static void assertOneLine(ConfigError e) {
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
  }
}
