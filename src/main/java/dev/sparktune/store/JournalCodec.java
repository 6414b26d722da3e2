package dev.sparktune.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.TrialCost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One journal event per line of JSON: {@code {"v":1,"seq":7,"type":"finished","number":3,...}}.
 * Fields are written and read by name through Jackson's tree model rather than bound to the
 * records, so the trial classes carry no serialisation annotations and a renamed Java field can
 * never silently change the file format. Whole numbers in an assignment stay {@code Long} and
 * fractional ones {@code Double}, because JSON keeps {@code 5} and {@code 5.0} apart; non-finite
 * metric values are written as the strings "NaN", "Infinity", "-Infinity".
 */
public final class JournalCodec {
  /** Format version; a reader refuses lines written by a newer one instead of misreading them. */
  public static final int VERSION = 1;

  /** A decoded line: the event and its position in the journal. */
  public record Entry(long seq, JournalEvent event) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private JournalCodec() {}

  public static String encode(long seq, JournalEvent event) {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", VERSION);
    n.put("seq", seq);
    // Java 17: no pattern switch yet, so one branch per permitted type.
    if (event instanceof JournalEvent.Opened o) {
      n.put("type", "opened");
      ObjectNode f = n.putObject("study");
      f.put("space", o.study().space());
      f.put("data", o.study().data());
      f.put("metric", o.study().metric());
      f.put("estimator", o.study().estimator());
      n.put("at", o.at().toString());
    } else if (event instanceof JournalEvent.Created c) {
      n.put("type", "created");
      n.put("number", c.number());
      ObjectNode a = n.putObject("assignment");
      c.assignment().values().forEach((k, v) -> putValue(a, k, v));
      ObjectNode b = n.putObject("budget");
      b.put("kind", c.budget().kind().name());
      b.put("param", c.budget().param());
      b.put("amount", c.budget().amount());
      b.put("max", c.budget().max());
      ObjectNode l = n.putObject("lineage");
      l.put("configId", c.lineage().configId());
      l.put("parent", c.lineage().parent());
      l.put("bracket", c.lineage().bracket());
      l.put("rung", c.lineage().rung());
      n.put("started", c.started().toString());
    } else if (event instanceof JournalEvent.Restarted r) {
      n.put("type", "restarted");
      n.put("number", r.number());
      n.put("started", r.started().toString());
    } else if (event instanceof JournalEvent.FoldScored s) {
      n.put("type", "fold");
      n.put("number", s.number());
      n.put("fold", s.fold());
      putDouble(n, "value", s.value());
      n.put("at", s.at().toString());
    } else if (event instanceof JournalEvent.Finished f) {
      n.put("type", "finished");
      n.put("number", f.number());
      n.set("outcome", outcome(f.outcome()));
      n.put("finished", f.finished().toString());
    } else if (event instanceof JournalEvent.Costed c) {
      n.put("type", "cost");
      n.put("number", c.number());
      n.put("complete", c.cost().complete());
      ObjectNode folds = n.putObject("folds");
      c.cost().folds().forEach((k, v) -> folds.set(Integer.toString(k), cost(v)));
    }
    return n.toString();
  }

  /** A complete line of a later journal format: never a torn write, whatever its place. */
  static final class NewerFormat extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NewerFormat(String message) {
      super(message);
    }
  }

  /**
   * @throws IllegalArgumentException if the line is not a complete event of a known version (a
   *     torn write reads as one of these)
   * @throws NewerFormat if the line is an event of a later format
   */
  public static Entry decode(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
    int version = req(n, "v").asInt();
    if (version > VERSION) {
      throw new NewerFormat("written by a newer sparktune (journal format " + version + ", this reads " + VERSION + ")");
    }
    long seq = req(n, "seq").asLong();
    String type = req(n, "type").asText();
    JournalEvent e = switch (type) {
      case "opened" -> {
        JsonNode f = req(n, "study");
        yield new JournalEvent.Opened(new StudyFingerprint(text(f, "space"), text(f, "data"), text(f, "metric"),
            text(f, "estimator")), instant(n, "at"));
      }
      case "created" -> {
        Map<String, Object> values = new LinkedHashMap<>();
        req(n, "assignment").fields().forEachRemaining(x -> values.put(x.getKey(), value(x.getValue())));
        JsonNode b = req(n, "budget");
        Budget budget = new Budget(Budget.Kind.valueOf(text(b, "kind")), text(b, "param"), num(b, "amount"), num(b, "max"));
        JsonNode l = req(n, "lineage");
        Lineage lineage = new Lineage(req(l, "configId").asInt(), req(l, "parent").asInt(), req(l, "bracket").asInt(),
            req(l, "rung").asInt());
        yield new JournalEvent.Created(req(n, "number").asInt(), Assignment.of(values), budget, lineage, instant(n, "started"));
      }
      case "restarted" -> new JournalEvent.Restarted(req(n, "number").asInt(), instant(n, "started"));
      case "fold" -> new JournalEvent.FoldScored(req(n, "number").asInt(), req(n, "fold").asInt(), num(n, "value"),
          instant(n, "at"));
      case "finished" -> new JournalEvent.Finished(req(n, "number").asInt(), outcome(req(n, "outcome")), instant(n, "finished"));
      case "cost" -> {
        Map<Integer, SparkCost> folds = new LinkedHashMap<>();
        req(n, "folds").fields().forEachRemaining(x -> folds.put(Integer.parseInt(x.getKey()), cost(x.getValue())));
        yield new JournalEvent.Costed(req(n, "number").asInt(), new TrialCost(folds, req(n, "complete").asBoolean()));
      }
      default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
    };
    return new Entry(seq, e);
  }

  private static ObjectNode outcome(Outcome o) {
    ObjectNode n = JSON.createObjectNode();
    if (o instanceof Outcome.Completed c) {
      n.put("kind", "completed");
      putDouble(n, "value", c.value());
      ArrayNode folds = n.putArray("folds");
      c.folds().forEach(v -> folds.add(number(v)));
      putDouble(n, "fitSeconds", c.fitSeconds());
      // Only when there are some, so a single-objective study writes the lines it always wrote.
      if (!c.measures().isEmpty()) {
        ObjectNode m = n.putObject("measures");
        c.measures().forEach((k, v) -> m.set(k, number(v)));
      }
    } else if (o instanceof Outcome.Pruned p) {
      n.put("kind", "pruned");
      ObjectNode folds = n.putObject("folds");
      p.foldMap().forEach((k, v) -> folds.set(Integer.toString(k), number(v)));
      n.put("reason", p.reason());
    } else if (o instanceof Outcome.Failed f) {
      n.put("kind", "failed");
      n.put("error", f.error());
    } else if (o instanceof Outcome.TimedOut t) {
      n.put("kind", "timeout");
      n.put("limit", t.limit().toString());
    } else if (o instanceof Outcome.Cancelled c) {
      n.put("kind", "cancelled");
      n.put("reason", c.reason());
    }
    return n;
  }

  private static Outcome outcome(JsonNode n) {
    return switch (text(n, "kind")) {
      case "completed" -> {
        List<Double> folds = new ArrayList<>();
        req(n, "folds").forEach(v -> folds.add(num(v)));
        // Absent in journals written before several objectives: no measures.
        Map<String, Double> measures = new LinkedHashMap<>();
        n.path("measures").fields().forEachRemaining(x -> measures.put(x.getKey(), num(x.getValue())));
        yield new Outcome.Completed(num(n, "value"), folds, num(n, "fitSeconds"), measures);
      }
      case "pruned" -> {
        Map<Integer, Double> folds = new LinkedHashMap<>();
        req(n, "folds").fields().forEachRemaining(x -> folds.put(Integer.parseInt(x.getKey()), num(x.getValue())));
        yield new Outcome.Pruned(folds, text(n, "reason"));
      }
      case "failed" -> new Outcome.Failed(text(n, "error"));
      case "timeout" -> new Outcome.TimedOut(duration(n, "limit"));
      case "cancelled" -> new Outcome.Cancelled(text(n, "reason"));
      default -> throw new IllegalArgumentException("unknown outcome kind '" + text(n, "kind") + "'");
    };
  }

  // Short keys: a study of thousands of trials writes one of these per trial and fold.
  private static final String[] COST_KEYS = {"jobs", "tasks", "runMs", "cpuMs", "gcMs", "shuffleRead", "shuffleWrite",
      "memorySpill", "diskSpill", "peakMemory"};

  private static ObjectNode cost(SparkCost c) {
    ObjectNode n = JSON.createObjectNode();
    long[] v = {c.jobs(), c.tasks(), c.runMs(), c.cpuMs(), c.gcMs(), c.shuffleReadBytes(), c.shuffleWriteBytes(),
        c.memorySpillBytes(), c.diskSpillBytes(), c.peakExecutionMemory()};
    for (int i = 0; i < v.length; i++) n.put(COST_KEYS[i], v[i]);
    return n;
  }

  /** A missing key reads as 0, so a later field added here still reads older lines. */
  private static SparkCost cost(JsonNode n) {
    long[] v = new long[COST_KEYS.length];
    for (int i = 0; i < v.length; i++) v[i] = n.path(COST_KEYS[i]).asLong(0);
    return new SparkCost(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
  }

  /** Assignment values: Long and Integer as JSON integers, Double as JSON decimals (5.0 stays 5.0). */
  private static void putValue(ObjectNode n, String key, Object v) {
    if (v instanceof String s) n.put(key, s);
    else if (v instanceof Boolean b) n.put(key, b);
    else if (v instanceof Double || v instanceof Float) n.put(key, ((Number) v).doubleValue());
    else if (v instanceof Long || v instanceof Integer || v instanceof Short) n.put(key, ((Number) v).longValue());
    else throw new IllegalArgumentException("param " + key + ": cannot journal a " + (v == null ? "null" : v.getClass().getName()));
  }

  private static Object value(JsonNode v) {
    if (v.isTextual()) return v.asText();
    if (v.isBoolean()) return v.asBoolean();
    if (v.isIntegralNumber()) return v.asLong();
    if (v.isFloatingPointNumber()) return v.asDouble();
    throw new IllegalArgumentException("unexpected param value " + v);
  }

  private static JsonNode number(double v) {
    return Double.isFinite(v) ? JSON.getNodeFactory().numberNode(v) : JSON.getNodeFactory().textNode(Double.toString(v));
  }

  private static void putDouble(ObjectNode n, String key, double v) {
    n.set(key, number(v));
  }

  private static double num(JsonNode n, String key) {
    return num(req(n, key));
  }

  private static double num(JsonNode v) {
    if (v.isNumber()) return v.asDouble();
    if (v.isTextual()) return Double.parseDouble(v.asText());
    throw new IllegalArgumentException("expected a number, got " + v);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = req(n, key);
    if (!v.isTextual()) throw new IllegalArgumentException("'" + key + "' is not a string");
    return v.asText();
  }

  private static Instant instant(JsonNode n, String key) {
    return instant(text(n, key));
  }

  /**
   * What {@link Instant#parse} reads, fast for what {@link Instant#toString} writes
   * ({@code 2026-12-07T18:47:34.123Z}: a four-digit year, 0–9 fraction digits): a replay reads
   * one or two per event, and the formatter's general parser was most of a replay's time.
   * Anything else goes to {@link Instant#parse}.
   */
  static Instant instant(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || (n > 20 && (s.charAt(19) != '.' || n == 21))) {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) return Instant.parse(s);
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) nanos *= 10;
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || second > 59) return Instant.parse(s);
    try {
      return java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return Instant.parse(s);   // its message and exception, for a date that does not exist
    }
  }

  /** The decimal number in {@code s[from, to)}, or -1 if any of it is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** ISO-8601, as {@link Duration#toString()} writes it ({@code PT10M}). */
  private static Duration duration(JsonNode n, String key) {
    try {
      return Duration.parse(text(n, key));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + key + "' is not a duration: " + text(n, key));
    }
  }

  private static JsonNode req(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) throw new IllegalArgumentException("missing '" + key + "'");
    return v;
  }
}
