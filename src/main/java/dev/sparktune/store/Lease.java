package dev.sparktune.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The lock on a study's output directory: a lease file naming its holder and when it last
 * renewed it. A second driver finds a fresh lease and stops ({@link Held}); a lease not renewed
 * for {@code timeout} belongs to a driver that was killed, and is taken over with a message.
 * There is no lock server on a FileSystem, so the file is the lock: creating it is atomic on
 * local and HDFS file systems, and on object stores the window for two drivers is narrowed by
 * reading the lease back after writing it.
 */
public final class Lease implements AutoCloseable {
  public static final String FILE = "lease.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who holds a lease: a unique id, and host and pid for the message a second driver prints. */
  public record Holder(String id, String host, long pid, Instant heartbeat) {
    Holder withHeartbeat(Instant at) {
      return new Holder(id, host, pid, at);
    }

    String describe(Instant now) {
      return host + " (pid " + pid + "), last heartbeat " + Duration.between(heartbeat, now).toSeconds() + " s ago";
    }
  }

  /** Another live driver holds the lease. */
  public static final class Held extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Held(String message) {
      super(message);
    }
  }

  private final JournalBackend backend;
  private final Holder me;
  private final Clock clock;
  private volatile boolean lost;
  private ScheduledExecutorService heartbeats;

  private Lease(JournalBackend backend, Holder me, Clock clock) {
    this.backend = backend;
    this.me = me;
    this.clock = clock;
  }

  /**
   * Takes the lease in {@code backend} for {@code holder}, or takes over one that is stale.
   *
   * @param info told when a stale lease is taken over
   * @throws Held if another driver renewed it within {@code timeout}
   */
  public static Lease acquire(JournalBackend backend, String id, String host, long pid, Duration timeout, Clock clock,
      Consumer<String> info) {
    return acquire(backend, id, host, pid, timeout, clock, info, h -> false);
  }

  /**
   * As above, and a lease whose holder {@code gone} proves dead is taken over at once: a driver
   * rerun on the host where the killed one ran need not wait out the timeout.
   *
   * @param gone true only when the holder certainly is not running (same host, no such process)
   */
  public static Lease acquire(JournalBackend backend, String id, String host, long pid, Duration timeout, Clock clock,
      Consumer<String> info, Predicate<Holder> gone) {
    Lease lease = new Lease(Objects.requireNonNull(backend), new Holder(id, host, pid, clock.instant()), clock);
    if (backend.create(FILE, lease.encode(lease.me))) return lease;
    Instant now = clock.instant();
    Optional<Holder> other = lease.current();
    if (other.isPresent() && !other.get().id().equals(id)) {
      Duration silent = Duration.between(other.get().heartbeat(), now);
      if (gone.test(other.get())) {
        info.accept("taking over the lock on " + backend.location() + " from " + other.get().describe(now)
            + ", which is no longer running");
      } else if (silent.compareTo(timeout) < 0) {
        throw new Held("another driver holds the lock on " + backend.location() + ": " + other.get().describe(now)
            + "; it is taken over after " + timeout.toSeconds() + " s without a heartbeat");
      } else {
        info.accept("taking over the lock on " + backend.location() + " from " + other.get().describe(now)
            + " (stale after " + timeout.toSeconds() + " s)");
      }
    } else if (other.isEmpty()) {
      info.accept("replacing an unreadable lease file in " + backend.location());
    }
    backend.write(FILE, lease.encode(lease.me.withHeartbeat(now)));
    // Two drivers taking over at once both wrote; only the one whose write stayed goes on.
    if (!lease.stillMine()) {
      throw new Held("another driver took over the lock on " + backend.location() + " at the same moment: "
          + lease.current().map(h -> h.describe(clock.instant())).orElse("unknown"));
    }
    return lease;
  }

  /**
   * Renews the lease. Returns false, and stays lost, if another driver took it over meanwhile
   * (this one was silent for longer than the timeout, e.g. a very long GC pause).
   */
  public synchronized boolean heartbeat() {
    if (lost || !stillMine()) {
      lost = true;
      return false;
    }
    backend.write(FILE, encode(me.withHeartbeat(clock.instant())));
    return true;
  }

  /** Renews the lease every {@code every} on a daemon thread until {@link #close}. */
  public synchronized void renewEvery(Duration every, Consumer<String> warn) {
    if (heartbeats != null) return;
    heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sparktune-lease");
      t.setDaemon(true);
      return t;
    });
    heartbeats.scheduleWithFixedDelay(() -> {
      try {
        if (!lost && !heartbeat()) warn.accept("lost the lock on " + backend.location() + " to another driver");
      } catch (RuntimeException e) {
        // A FileSystem hiccup: the next beat tries again; the timeout is several beats long.
        warn.accept("could not renew the lock on " + backend.location() + ": " + e.getMessage());
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True once another driver has taken the lease over. */
  public boolean lost() {
    return lost;
  }

  /** Stops renewing and deletes the lease if it is still this driver's. */
  @Override
  public synchronized void close() {
    if (heartbeats != null) heartbeats.shutdownNow();
    if (!lost && stillMine()) backend.delete(FILE);
  }

  private boolean stillMine() {
    return current().map(h -> h.id().equals(me.id())).orElse(false);
  }

  private Optional<Holder> current() {
    try {
      return backend.read(FILE).map(Lease::decode);
    } catch (RuntimeException e) {
      return Optional.empty();   // torn or foreign content: no live holder can be named
    }
  }

  private String encode(Holder h) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", h.id());
    n.put("host", h.host());
    n.put("pid", h.pid());
    n.put("heartbeat", h.heartbeat().toString());
    return n.toString() + "\n";
  }

  private static Holder decode(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      return new Holder(n.get("id").asText(), n.get("host").asText(), n.get("pid").asLong(),
          Instant.parse(n.get("heartbeat").asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NullPointerException e) {
      throw new IllegalArgumentException("unreadable lease: " + e.getMessage());
    }
  }
}
