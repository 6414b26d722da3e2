package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JVM's rules, without any engine: transport failures are transient, input and memory ones recur. */
class TransientErrorsTest {
  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(new IOException("Filesystem closed"), "I/O error"),
        Arguments.of(new ExecutionException(new UncheckedIOException(new IOException("Stream closed"))), "I/O error"),
        Arguments.of(new RuntimeException("await", new ConnectException("Connection refused")), "connection error"),
        Arguments.of(new RuntimeException("Lost task: java.io.IOException: Connection reset by peer"), "connection error"),
        Arguments.of(new TimeoutException("Futures timed out after [120 seconds]"), "timeout"),
        Arguments.of(new FileNotFoundException("/data/part-0.parquet (No such file or directory)"), null),
        Arguments.of(new AccessDeniedException("/data/part-0.parquet"), null),
        Arguments.of(new OutOfMemoryError("Java heap space"), null),
        Arguments.of(new RuntimeException("aborted", new IOException("java.lang.OutOfMemoryError: Java heap space")), null),
        Arguments.of(new CancellationException("trial 4 cancelled"), null),
        Arguments.of(new IllegalArgumentException("elasticNetParam given invalid value 1.5"), null));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void classifiesByTheCauseChain(Throwable error, String kind) {
    assertEquals(Optional.ofNullable(kind), TransientErrors.JVM.transientKind(error), error.toString());
  }

  /** An engine's failure, standing in for Spark's in a test of the core. */
  static final class WorkerLost extends RuntimeException {
    WorkerLost(String m) {
      super(m);
    }
  }

  @Test
  void anEngineAddsItsClassesAndPhrasesAndMemoryStillWins() {
    ErrorClassifier engine = TransientErrors.JVM.plus(Map.of(WorkerLost.class, "lost worker"),
        List.of(new TransientErrors.Phrase("worker vanished", "lost worker")));
    assertEquals(Optional.of("lost worker"), engine.transientKind(new ExecutionException(new WorkerLost("w3"))));
    assertEquals(Optional.of("lost worker"), engine.transientKind(new RuntimeException("job aborted: worker vanished")));
    assertEquals(Optional.empty(), engine.transientKind(new WorkerLost("w3 exceeding memory limits")));
    assertEquals(Optional.empty(), TransientErrors.JVM.transientKind(new WorkerLost("w3")));
  }
}
