package nl.hitmachine.portal.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side templates ({@code templates/*.mustache} on the class path, JMustache). Every
 * {@code {{value}}} is HTML-escaped; the templates use no unescaped output.
 */
public final class Templates {
  private final Mustache.Compiler compiler;
  private final Map<String, Template> cache = new ConcurrentHashMap<>();

  public Templates() {
    this.compiler = Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true).zeroIsFalse(true).withLoader(Templates::open);
  }

  public String render(String name, Map<String, Object> context) {
    return cache.computeIfAbsent(name, n -> compiler.compile(read(n))).execute(context);
  }

  private static Reader open(String name) {
    InputStream in = Templates.class.getResourceAsStream("/templates/" + name + ".mustache");
    if (in == null) {
      throw new IllegalArgumentException("no template " + name);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static String read(String name) {
    try (Reader r = open(name)) {
      StringBuilder b = new StringBuilder();
      char[] buf = new char[4096];
      for (int n; (n = r.read(buf)) > 0; ) {
        b.append(buf, 0, n);
      }
      return b.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
