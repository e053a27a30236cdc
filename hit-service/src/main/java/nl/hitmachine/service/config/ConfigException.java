package nl.hitmachine.service.config;

import java.util.List;

/** The configuration cannot be used. The message names every offending field. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem, Throwable cause) {
    super("invalid configuration: " + problem, cause);
    this.problems = List.of(problem);
  }

  public List<String> problems() {
    return problems;
  }
}
