package nl.hitmachine.service.config;

/**
 * Lookup policy.
 *
 * @param signalThreshold a household signals when its members are known in at least this many
 *     distinct domains (default 3)
 */
public record LookupConfig(Integer signalThreshold) {
  public LookupConfig {
    signalThreshold = signalThreshold == null ? 3 : signalThreshold;
  }
}
