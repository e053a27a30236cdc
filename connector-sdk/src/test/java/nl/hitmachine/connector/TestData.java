package nl.hitmachine.connector;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's shared {@code testdata} folder. */
public final class TestData {
  private TestData() {}

  /** {@code <repository root>/testdata/<relative>}; Maven passes the root as {@code hitmachine.root}. */
  public static Path path(String relative) {
    String root = System.getProperty("hitmachine.root");
    Path base;
    if (root != null && !root.isBlank()) {
      base = Path.of(root);
    } else {
      // Run from an IDE without the property: walk up to the folder that has testdata/.
      base = Path.of("").toAbsolutePath();
      while (base != null && !Files.isDirectory(base.resolve("testdata"))) {
        base = base.getParent();
      }
      if (base == null) {
        throw new IllegalStateException("cannot find testdata/; set -Dhitmachine.root=<repository root>");
      }
    }
    return base.resolve("testdata").resolve(relative);
  }
}
