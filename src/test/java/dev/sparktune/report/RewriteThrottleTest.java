package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RewriteThrottleTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong now = new AtomicLong();
  private final RewriteThrottle throttle = new RewriteThrottle(0.05, now::get);
  private int writes;

  /** A rewrite that takes {@code ms} on the fake clock. */
  private Runnable taking(long ms) {
    return () -> {
      writes++;
      now.addAndGet(ms * MS);
    };
  }

  @Test
  void cheapRewritesHappenAfterEveryTrial() {
    for (int i = 0; i < 10; i++) {
      assertTrue(throttle.maybe(taking(0)));
      now.addAndGet(MS);
    }
    assertEquals(10, writes);
  }

  @Test
  void anExpensiveRewriteWaitsTwentyTimesItsCost() {
    assertTrue(throttle.maybe(taking(10)));   // 10 ms: the next one is due 200 ms later
    now.addAndGet(199 * MS);
    assertFalse(throttle.maybe(taking(10)));
    assertEquals(1, writes);
    now.addAndGet(MS);
    assertTrue(throttle.maybe(taking(10)));
    assertEquals(2, writes);
  }

  @Test
  void theFinalRewriteIsNeverThrottled() {
    throttle.now(taking(10));
    throttle.now(taking(10));
    assertEquals(2, writes);
    assertFalse(throttle.due());
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RewriteThrottle(1.0, now::get));
    assertThrows(IllegalArgumentException.class, () -> new RewriteThrottle(0, now::get));
  }
}
