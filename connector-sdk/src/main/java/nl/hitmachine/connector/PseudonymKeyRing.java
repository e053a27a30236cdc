package nl.hitmachine.connector;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The active pseudonym keys of a federation: one primary key, used for new pseudonyms, and any
 * number of others that are still accepted during a rotation. Immutable.
 *
 * <p>Rotation: add the new key to every connector's key directory (the ring now has both), make it
 * primary once all partners have it, re-push caseloads, then remove the old key. Queriers can ask
 * with {@link Pseudonymiser#aliases} meanwhile, so that a subject registered under either key is
 * found.
 */
public final class PseudonymKeyRing {
  /** File name suffix of key files in a key directory: {@code <kid>.key}. */
  public static final String KEY_FILE_SUFFIX = ".key";

  private final PseudonymKey primary;
  private final List<PseudonymKey> keys;

  private PseudonymKeyRing(PseudonymKey primary, List<PseudonymKey> keys) {
    this.primary = primary;
    this.keys = keys;
  }

  /** A ring of {@code primary} and {@code others}; kids must be distinct. */
  public static PseudonymKeyRing of(PseudonymKey primary, PseudonymKey... others) {
    Objects.requireNonNull(primary, "primary");
    List<PseudonymKey> all = new ArrayList<>();
    all.add(primary);
    all.addAll(List.of(others));
    return of(primary.kid(), all);
  }

  /** A ring of {@code keys} with the key {@code primaryKid} as primary; kids must be distinct. */
  public static PseudonymKeyRing of(String primaryKid, Collection<PseudonymKey> keys) {
    Objects.requireNonNull(primaryKid, "primaryKid");
    Map<String, PseudonymKey> byKid = new LinkedHashMap<>();
    for (PseudonymKey key : keys) {
      Objects.requireNonNull(key, "keys must not contain null");
      if (byKid.putIfAbsent(key.kid(), key) != null) {
        throw new IllegalArgumentException("duplicate kid in key ring: " + key.kid());
      }
    }
    PseudonymKey primary = byKid.get(primaryKid);
    if (primary == null) {
      throw new IllegalArgumentException("primary kid " + primaryKid + " is not in the key ring");
    }
    List<PseudonymKey> ordered = new ArrayList<>();
    ordered.add(primary);
    byKid.values().stream()
        .filter(k -> k != primary)
        .sorted(Comparator.comparing(PseudonymKey::kid))
        .forEach(ordered::add);
    return new PseudonymKeyRing(primary, List.copyOf(ordered));
  }

  /**
   * Loads every {@code <kid>.key} file of {@code directory} (see {@link PseudonymKey#read}); the
   * primary key is the one created last. When several were created on that same day the choice
   * is ambiguous and refused: use {@link #load(Path, String)}.
   */
  public static PseudonymKeyRing load(Path directory) throws IOException {
    List<PseudonymKey> keys = readAll(directory);
    LocalDate latest =
        keys.stream().map(PseudonymKey::created).max(Comparator.naturalOrder()).orElseThrow();
    List<String> newest =
        keys.stream()
            .filter(k -> k.created().equals(latest))
            .map(PseudonymKey::kid)
            .sorted()
            .toList();
    if (newest.size() > 1) {
      throw new KeyFileException(
          directory,
          "key directory "
              + directory
              + " has several keys created on "
              + latest
              + " ("
              + String.join(", ", newest)
              + "); name the primary kid explicitly");
    }
    return of(newest.get(0), keys);
  }

  /** Loads every {@code <kid>.key} file of {@code directory} with {@code primaryKid} as primary. */
  public static PseudonymKeyRing load(Path directory, String primaryKid) throws IOException {
    List<PseudonymKey> keys = readAll(directory);
    if (keys.stream().noneMatch(k -> k.kid().equals(primaryKid))) {
      throw new KeyFileException(
          directory, "key directory " + directory + " has no key " + primaryKid + KEY_FILE_SUFFIX);
    }
    return of(primaryKid, keys);
  }

  private static List<PseudonymKey> readAll(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new KeyFileException(directory, "key directory " + directory + " does not exist");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + KEY_FILE_SUFFIX)) {
      stream.forEach(files::add);
    }
    files.sort(Comparator.naturalOrder());
    if (files.isEmpty()) {
      throw new KeyFileException(
          directory, "key directory " + directory + " has no *" + KEY_FILE_SUFFIX + " files");
    }
    List<PseudonymKey> keys = new ArrayList<>();
    for (Path file : files) {
      PseudonymKey key = PseudonymKey.read(file);
      String expectedName = key.kid() + KEY_FILE_SUFFIX;
      if (!file.getFileName().toString().equals(expectedName)) {
        throw new KeyFileException(
            file, "key file " + file + " holds kid " + key.kid() + "; rename it to " + expectedName);
      }
      keys.add(key);
    }
    return keys;
  }

  /** The key for new pseudonyms. */
  public PseudonymKey primary() {
    return primary;
  }

  /** All keys, the primary first, then by kid. */
  public List<PseudonymKey> keys() {
    return keys;
  }

  /** The key with this kid, if active. */
  public Optional<PseudonymKey> key(String kid) {
    return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
  }

  @Override
  public String toString() {
    return "PseudonymKeyRing[primary="
        + primary.kid()
        + ", kids="
        + keys.stream().map(PseudonymKey::kid).toList()
        + "]";
  }
}
