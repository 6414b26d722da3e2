package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YarnAttemptTest {
  @Test
  void readsApplicationAndAttemptFromTheContainerIdWithOrWithoutAnEpoch() {
    assertEquals(Optional.of(new YarnAttempt("application_1796611244689_0002", 1)),
        YarnAttempt.current(Map.of("CONTAINER_ID", "container_1796611244689_0002_01_000001")));
    assertEquals(Optional.of(new YarnAttempt("application_1410901177871_0001", 2)),
        YarnAttempt.ofContainer("container_e17_1410901177871_0001_02_000005"));
    assertEquals(Optional.empty(), YarnAttempt.current(Map.of()));
    assertEquals(Optional.empty(), YarnAttempt.ofContainer("not-a-container"));
  }

  @Test
  void onlyALaterAttemptOfTheSameApplicationSupersedesAHolder() {
    YarnAttempt first = new YarnAttempt("application_1_0001", 1);
    YarnAttempt second = new YarnAttempt("application_1_0001", 2);
    YarnAttempt other = new YarnAttempt("application_1_0002", 2);
    String held = first.holderId();
    assertTrue(second.supersedes(held));
    assertFalse(first.supersedes(held), "the same attempt");
    assertFalse(other.supersedes(held), "another application");
    assertFalse(second.supersedes("3f2c1d5e-0000-0000-0000-000000000000"), "a driver outside YARN");
    assertFalse(first.supersedes(second.holderId()), "an earlier attempt never takes over a later one");
  }
}
