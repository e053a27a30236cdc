package nl.hitmachine.service.config;

import java.util.List;

/**
 * Which federation key ids (kids) are accepted in pseudonyms. Empty accepts any well-formed kid.
 */
public record PseudonymConfig(List<String> acceptedKids) {
  public PseudonymConfig {
    acceptedKids = acceptedKids == null ? List.of() : List.copyOf(acceptedKids);
  }
}
