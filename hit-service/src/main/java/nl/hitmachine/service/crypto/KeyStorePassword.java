package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The password of the server's PKCS#12 key store: the first line of a mode-600 file, or the value
 * of an environment variable. Messages name the file or variable, never the password.
 */
public final class KeyStorePassword {
  private KeyStorePassword() {}

  /** The first line of {@code file} (without its line end); refused when group or others may access it. */
  public static char[] fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TlsSetupException("key store password file " + file + " does not exist");
    }
    try {
      KeyFileText.checkPrivate(file);
    } catch (KeyFileException e) {
      throw new TlsSetupException(e.getMessage().replace("key file", "key store password file"), e);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TlsSetupException("cannot read key store password file " + file + ": " + e.getMessage(), e);
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new TlsSetupException("key store password file " + file + " holds no password on its first line");
    }
    return line.toCharArray();
  }

  /** The value of environment variable {@code variable}, looked up with {@code environment}. */
  public static char[] fromEnvironment(String variable, Function<String, String> environment) {
    String value = environment.apply(variable);
    if (value == null || value.isEmpty()) {
      throw new TlsSetupException("environment variable " + variable + " is not set; it must hold the key store password");
    }
    return value.toCharArray();
  }
}
