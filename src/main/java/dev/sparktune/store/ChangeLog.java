package dev.sparktune.store;

import dev.sparktune.trial.ChangeFeed;
import java.util.Arrays;

/** A store's {@link ChangeFeed}: the trial numbers it created, restarted or finished, in order. */
final class ChangeLog implements ChangeFeed {
  private int[] numbers = new int[256];
  private int size;

  synchronized void add(int number) {
    if (size == numbers.length) numbers = Arrays.copyOf(numbers, size * 2);
    numbers[size++] = number;
  }

  @Override
  public synchronized int size() {
    return size;
  }

  @Override
  public synchronized int number(int position) {
    if (position < 0 || position >= size) throw new IndexOutOfBoundsException(position + " of " + size);
    return numbers[position];
  }
}
