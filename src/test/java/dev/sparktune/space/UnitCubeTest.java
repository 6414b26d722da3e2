package dev.sparktune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.Spaces;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitCubeTest {
  private final SearchSpace space = Spaces.everyKind();

  @Test
  void decodeThenEncodeThenDecodeIsStable() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 2000; i++) {
      double[] u = rng.doubles(space.dimensions()).toArray();
      Assignment a = space.cube().decode(u);
      assertTrue(space.contains(a), a::toString);
      Assignment again = space.cube().decode(space.cube().encode(a));
      assertTrue(a.sameAs(again), () -> a + " vs " + again);
    }
  }

  @Test
  void logScaleSpendsEqualShareOnEachDecade() {
    FloatParam p = FloatParam.log("regParam", 1e-4, 1.0);
    assertEquals(1e-2, (Double) p.decode(0.5), 1e-12);
    assertEquals(1e-4, (Double) p.decode(0.0), 1e-18);
    assertEquals(1e-3, (Double) p.decode(0.25), 1e-15);
  }

  @Test
  void stepsAndEndsAreReachedEvenly() {
    FloatParam stepped = new FloatParam("s", 0.1, 0.5, false, OptionalDouble.of(0.1), Optional.empty());
    assertEquals(0.1, (Double) stepped.decode(0.0), 1e-12);
    assertEquals(0.5, (Double) stepped.decode(1.0), 1e-12);
    int[] counts = new int[5];
    for (int i = 0; i < 5000; i++) {
      double v = (Double) stepped.decode((i + 0.5) / 5000);
      counts[(int) Math.round((v - 0.1) / 0.1)]++;
    }
    for (int c : counts) assertEquals(1000, c);
    IntParam ints = IntParam.of("d", 2, 4);
    assertEquals(2L, ints.decode(0.0));
    assertEquals(4L, ints.decode(1.0));
    assertEquals(3L, ints.decode(0.5));
  }

  @Test
  void inactiveConditionalIsAbsentAndEncodesAsNaN() {
    SearchSpace s = SearchSpace.of(CategoricalParam.of("penalty", "l2", "elastic"),
        FloatParam.of("mix", 0, 1).when(new Condition("penalty", List.of("elastic"))));
    Assignment l2 = s.cube().decode(new double[] {0.1, 0.7});
    assertNull(l2.get("mix"));
    assertTrue(Double.isNaN(s.cube().encode(l2)[1]));
    Assignment elastic = s.cube().decode(new double[] {0.9, 0.7});
    assertEquals(0.7, (Double) elastic.get("mix"), 1e-12);
    assertTrue(s.contains(elastic));
    assertFalse(s.contains(new Assignment(java.util.Map.of("penalty", "l2", "mix", 0.5))));
  }
}
