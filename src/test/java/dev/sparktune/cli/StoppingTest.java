package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stop request's bookkeeping; signals and the launcher watch are exercised by StopDriverEndToEndIT. */
class StoppingTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Stopping stopping = new Stopping(new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void theFirstRequestWinsCancelsTheCurrentPhaseOnceAndNamesItself() {
    AtomicInteger cancels = new AtomicInteger();
    stopping.cancelling(cancels::incrementAndGet);
    assertEquals(Optional.empty(), stopping.reason().get());
    assertEquals(0, cancels.get());

    stopping.request("SIGTERM", 143, false);
    // The launcher dying during the clean stop neither replaces the cause nor cuts the stop short.
    stopping.request("its launcher (pid 7) is gone", 129, false);

    assertEquals(new Stopping.Request("SIGTERM", 143), stopping.requested().orElseThrow());
    assertEquals(Optional.of("SIGTERM"), stopping.reason().get());
    assertEquals(1, cancels.get());
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.startsWith("sparktune: SIGTERM: stopping: running trials are cancelled"), said);
  }

  @Test
  void aPhaseEnteredAfterTheRequestIsCancelledAtOnce() {
    stopping.request("SIGINT", 130, true);
    AtomicInteger cancels = new AtomicInteger();
    stopping.cancelling(cancels::incrementAndGet);
    assertEquals(1, cancels.get());
  }

  @Test
  void noLauncherWatchUnlessTheLauncherIsThisProcesssParent() throws Exception {
    // Any pid but the parent's (here: this JVM's own) starts nothing, so no request ever comes.
    stopping.watch(ProcessHandle.current().pid());
    Thread.sleep(600);
    assertEquals(Optional.empty(), stopping.requested());
  }
}
