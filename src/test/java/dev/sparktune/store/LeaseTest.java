package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private final InMemoryJournalBackend dir = new InMemoryJournalBackend();
  private final FakeClock clock = new FakeClock();
  private final List<String> messages = new ArrayList<>();

  private Lease acquire(String id, long pid) {
    return Lease.acquire(dir, id, "node-" + id, pid, TIMEOUT, clock, messages::add);
  }

  @Test
  void aSecondDriverIsStoppedWithOneLineNamingTheHolder() {
    Lease first = acquire("a", 101);
    clock.advance(Duration.ofSeconds(30));
    Lease.Held e = assertThrows(Lease.Held.class, () -> acquire("b", 202));
    assertEquals("another driver holds the lock on memory: node-a (pid 101), last heartbeat 30 s ago; "
        + "it is taken over after 120 s without a heartbeat", e.getMessage());
    assertTrue(first.heartbeat());
    clock.advance(Duration.ofSeconds(100));
    assertThrows(Lease.Held.class, () -> acquire("b", 202), "the heartbeat kept it fresh");
  }

  @Test
  void aStaleLeaseIsTakenOverWithAMessageAndItsOldHolderLearnsItLostIt() {
    Lease dead = acquire("a", 101);
    clock.advance(TIMEOUT.plusSeconds(1));
    Lease next = acquire("b", 202);
    assertEquals(List.of("taking over the lock on memory from node-a (pid 101), last heartbeat 121 s ago (stale after 120 s)"),
        messages);
    assertFalse(dead.heartbeat());
    assertTrue(dead.lost());
    dead.close();
    assertTrue(dir.read(Lease.FILE).orElseThrow().contains("\"b\""), "a lost lease is not deleted by its old holder");
    assertTrue(next.heartbeat());
  }

  @Test
  void aLeaseWhoseHolderIsProvablyGoneIsTakenOverAtOnce() {
    acquire("a", 101);
    clock.advance(Duration.ofSeconds(5));
    Lease next = Lease.acquire(dir, "b", "node-b", 202, TIMEOUT, clock, messages::add, h -> h.pid() == 101);
    assertTrue(next.heartbeat());
    assertEquals(List.of("taking over the lock on memory from node-a (pid 101), last heartbeat 5 s ago, which is no longer running"),
        messages);
    assertThrows(Lease.Held.class, () -> Lease.acquire(dir, "c", "node-c", 303, TIMEOUT, clock, messages::add, h -> h.pid() == 101));
  }

  @Test
  void closingReleasesTheLockForTheNextRun() {
    acquire("a", 101).close();
    assertEquals(List.of(), dir.list());
    acquire("b", 202);
    assertEquals(List.of(), messages);
  }

  @Test
  void anUnreadableLeaseIsReplaced() {
    dir.write(Lease.FILE, "{\"id\":\"a\",\"ho");
    Lease l = acquire("b", 202);
    assertTrue(l.heartbeat());
    assertEquals(1, messages.size());
  }

  @Test
  void theSameDriverMayTakeItsOwnLeaseAgain() {
    acquire("a", 101);
    acquire("a", 101);
    assertEquals(List.of(), messages);
  }
}
