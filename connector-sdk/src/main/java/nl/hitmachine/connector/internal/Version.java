package nl.hitmachine.connector.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK version, from the build. */
public final class Version {
  public static final String VERSION = load();

  private Version() {}

  private static String load() {
    try (InputStream in =
        Version.class.getResourceAsStream("/nl/hitmachine/connector/sdk-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
