package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JournalCodecTest {
  static final Instant T = Instant.parse("2026-11-29T09:41:03.123456789Z");

  static Stream<JournalEvent> events() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("regParam", 1.0E-4);
    values.put("elasticNetParam", 5.0);       // a whole double must stay a Double
    values.put("maxDepth", 5L);
    values.put("impurity", "gini");
    values.put("fitIntercept", false);
    values.put("tiny", 4.9E-324);
    values.put("odd", 0.1 + 0.2);
    Assignment a = Assignment.of(values);
    return Stream.of(
        new JournalEvent.Opened(new StudyFingerprint("[regParam float]", "a9a (libsvm)", "", "lr {maxIter=100}"), T),
        new JournalEvent.Created(0, a, Budget.full(), Lineage.root(0), T),
        new JournalEvent.Created(7, a, Budget.dataFraction(1.0 / 9, 1.0), Lineage.root(7, 2, 1), T),
        new JournalEvent.Created(9, a, Budget.param("maxIter", 12, 108), new Lineage(3, 7, 1, 2), T),
        new JournalEvent.Created(10, Assignment.of(Map.of()), Budget.folds(2, 5), new Lineage(10, -1, 0, 0), T),
        new JournalEvent.Restarted(9, T.plusSeconds(5)),
        new JournalEvent.FoldScored(9, 2, 0.9027485912, T.plusSeconds(6)),
        new JournalEvent.FoldScored(9, 0, Double.NaN, T.plusSeconds(7)),
        new JournalEvent.Finished(0, new Outcome.Completed(0.9027485912, List.of(0.9, 0.91, 0.89), 1.25), T),
        new JournalEvent.Finished(1, new Outcome.Completed(-3.0, List.of(Double.NaN, Double.POSITIVE_INFINITY), 0.0), T),
        new JournalEvent.Finished(11, new Outcome.Completed(0.91, List.of(0.9, 0.92), 3.5,
            Map.of("fit-seconds", 3.5, "model-size", 1234.0, "predict-latency", 0.25)), T),
        new JournalEvent.Finished(2, new Outcome.Pruned(Map.of(2, 0.5, 0, 0.25), "worse than trial 1 on folds 0, 2"), T),
        new JournalEvent.Finished(3, new Outcome.Failed("SparkException: \"quoted\"\nsecond line ünïcode"), T),
        new JournalEvent.Finished(4, new Outcome.TimedOut(java.time.Duration.ofMinutes(10)), T),
        new JournalEvent.Finished(5, new Outcome.TimedOut(java.time.Duration.ofMillis(1500)), T),
        new JournalEvent.Finished(6, new Outcome.Cancelled("time limit 2h reached"), T),
        new JournalEvent.Costed(6, new dev.sparktune.trial.TrialCost(Map.of(
            0, new dev.sparktune.trial.SparkCost(3, 24, 5120, 4300, 70, 1L << 33, 2048, 0, 512, 64L << 20),
            -1, new dev.sparktune.trial.SparkCost(1, 1, 3, 2, 0, 0, 0, 0, 0, 0)), false)));
  }

  @org.junit.jupiter.api.Test
  void aCostLineMissingALaterFieldReadsItAsZero() {
    String line = "{\"v\":1,\"seq\":3,\"type\":\"cost\",\"number\":2,\"complete\":true,\"folds\":{\"1\":{\"jobs\":2,\"tasks\":8}}}";
    var e = (JournalEvent.Costed) JournalCodec.decode(line).event();
    assertEquals(new dev.sparktune.trial.SparkCost(2, 8, 0, 0, 0, 0, 0, 0, 0, 0), e.cost().folds().get(1));
    assertTrue(e.cost().complete());
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventRoundTrips(JournalEvent e) {
    String line = JournalCodec.encode(42, e);
    assertTrue(!line.contains("\n"), line);
    JournalCodec.Entry back = JournalCodec.decode(line);
    assertEquals(42, back.seq());
    // Records compare by value; Double.NaN equals itself through List/Double.equals.
    assertEquals(e, back.event());
  }

  @Test
  void intsAndDoublesKeepTheirTypes() {
    JournalEvent.Created c = (JournalEvent.Created) events().skip(1).findFirst().orElseThrow();
    Assignment back = ((JournalEvent.Created) JournalCodec.decode(JournalCodec.encode(0, c)).event()).assignment();
    assertEquals(Double.class, back.get("elasticNetParam").getClass());
    assertEquals(Long.class, back.get("maxDepth").getClass());
    assertEquals(Boolean.class, back.get("fitIntercept").getClass());
    assertEquals(List.copyOf(c.assignment().values().keySet()), List.copyOf(back.values().keySet()));
  }

  @Test
  void measuresAreWrittenOnlyWhenThereAreSome() {
    String plain = JournalCodec.encode(5, new JournalEvent.Finished(0, new Outcome.Completed(0.9, List.of(0.9), 1.0), T));
    assertTrue(!plain.contains("measures"), plain);
    String several = JournalCodec.encode(5, new JournalEvent.Finished(0,
        new Outcome.Completed(0.9, List.of(0.9), 1.0, Map.of("fit-seconds", 1.0)), T));
    assertTrue(several.contains("\"measures\":{\"fit-seconds\":1.0}"), several);
  }

  @Test
  void aSingleObjectiveLineWrittenBeforeMeasuresStillReads() {
    // Exactly as journals of earlier releases hold it.
    String old = "{\"v\":1,\"seq\":7,\"type\":\"finished\",\"number\":3,\"outcome\":{\"kind\":\"completed\","
        + "\"value\":0.958,\"folds\":[0.951,0.962,0.961],\"fitSeconds\":2.1},\"finished\":\"2026-11-29T01:42:07.531Z\"}";
    var e = (JournalEvent.Finished) JournalCodec.decode(old).event();
    var c = (Outcome.Completed) e.outcome();
    assertEquals(0.958, c.value());
    assertEquals(Map.of(), c.measures());
  }

  @Test
  void aTimeoutIsWrittenWithItsLimit() {
    String line = JournalCodec.encode(8, new JournalEvent.Finished(4, new Outcome.TimedOut(java.time.Duration.ofMinutes(10)), T));
    assertTrue(line.contains("\"outcome\":{\"kind\":\"timeout\",\"limit\":\"PT10M\"}"), line);
    assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode(line.replace("PT10M", "ten minutes")));
  }

  @Test
  void refusesTornUnknownAndNewerLines() {
    String line = JournalCodec.encode(3, events().skip(6).findFirst().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode(line.substring(0, line.length() - 9)));
    assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode("{\"v\":1,\"seq\":1,\"type\":\"asked\"}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JournalCodec.decode("{\"v\":2,\"seq\":1,\"type\":\"opened\"}"));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void instantsReadAsInstantParseReadsThem() {
    java.util.Random rng = new java.util.Random(11);
    for (int i = 0; i < 20_000; i++) {
      // Whole seconds, milli-, micro- and nanosecond precision: toString writes 0, 3, 6 or 9 digits.
      long nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> rng.nextInt(1000) * 1_000_000L;
        case 2 -> rng.nextInt(1_000_000) * 1_000L;
        default -> rng.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(rng.nextLong(-2_000_000_000L, 250_000_000_000L), nanos);
      assertEquals(Instant.parse(t.toString()), JournalCodec.instant(t.toString()), t.toString());
    }
    for (String odd : List.of("2026-12-31T23:59:60Z", "+10000-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z",
        "2026-01-01T00:00:00.1234567Z", "2026-01-01T00:00:00.Z")) {
      assertEquals(Instant.parse(odd), JournalCodec.instant(odd), odd);
    }
    for (String bad : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T25:00:00Z",
        "2026-01-01T00:00:0xZ", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00")) {
      assertThrows(java.time.format.DateTimeParseException.class, () -> JournalCodec.instant(bad), bad);
    }
  }
}
