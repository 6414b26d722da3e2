package dev.sparktune.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link JournalBackend} on a local directory with plain {@code java.nio}: what the ask/tell
 * library resumes from on a JVM without Hadoop. Writes go to a hidden temporary file first and
 * are moved into place atomically, as {@link JournalBackend#write} promises.
 */
public final class LocalJournalBackend implements JournalBackend {
  private final Path dir;

  public LocalJournalBackend(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  @Override
  public List<String> list() {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      // Temporary files of an interrupted write are not the journal's.
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<String> read(String name) {
    try {
      return Optional.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void write(String name, String content) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean create(String name, String content) {
    try {
      Files.createDirectories(dir);
      Files.writeString(Files.createFile(dir.resolve(name)), content, StandardCharsets.UTF_8);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String location() {
    return dir.toString();
  }
}
