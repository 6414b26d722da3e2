package dev.sparktune.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link JournalBackend} in a map: for tests, and for studies that need no durability. */
public final class InMemoryJournalBackend implements JournalBackend {
  private final Map<String, String> files = new ConcurrentSkipListMap<>();

  @Override
  public List<String> list() {
    return new ArrayList<>(files.keySet());
  }

  @Override
  public Optional<String> read(String name) {
    return Optional.ofNullable(files.get(name));
  }

  @Override
  public void write(String name, String content) {
    files.put(name, content);
  }

  @Override
  public synchronized boolean create(String name, String content) {
    return files.putIfAbsent(name, content) == null;
  }

  @Override
  public void delete(String name) {
    files.remove(name);
  }

  @Override
  public String location() {
    return "memory";
  }
}
