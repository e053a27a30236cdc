package nl.hitmachine.portal.web;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** The portal's texts: Dutch by default, English on request ({@code i18n/messages*.properties}, UTF-8). */
public final class Messages {
  public static final String DUTCH = "nl";
  public static final String ENGLISH = "en";
  public static final List<String> LANGUAGES = List.of(DUTCH, ENGLISH);

  private final Map<String, Map<String, String>> tables = new HashMap<>();

  public Messages() {
    for (String lang : LANGUAGES) {
      ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", Locale.of(lang), ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
      Map<String, String> t = new HashMap<>();
      for (String key : bundle.keySet()) {
        t.put(key, bundle.getString(key));
      }
      tables.put(lang, Collections.unmodifiableMap(t));
    }
  }

  /** A supported language code, Dutch for anything else. */
  public static String language(String requested) {
    return requested != null && LANGUAGES.contains(requested) ? requested : DUTCH;
  }

  /** All texts of a language, for the templates ({@code {{t.key}}}). */
  public Map<String, String> table(String lang) {
    return tables.get(language(lang));
  }

  /** One text; the key itself when missing (a test checks both bundles have the same keys). */
  public String get(String lang, String key) {
    return table(lang).getOrDefault(key, key);
  }
}
