package dev.sparktune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void wholeNumbersReadAsIntegersEverywhere() {
    assertEquals("12", Numbers.plain(12.0));
    assertEquals("12", Numbers.significant(12.0, 6));
    assertEquals("1.0E18", Numbers.plain(1e18));
    assertEquals("12.0", Values.format(12.0));
  }

  @Test
  void othersKeepTheirFormOfDigits() {
    assertEquals("0.001", Numbers.plain(0.001));
    assertEquals("0.111111", Numbers.significant(1.0 / 9, 6));
    assertEquals("0.5", Numbers.significant(0.5, 6));
    assertEquals("0.0123", Numbers.brief(0.0123));
    assertEquals("1.2e-05", Numbers.brief(1.2e-5));
    assertEquals("0.0000", Numbers.brief(0));
  }
}
