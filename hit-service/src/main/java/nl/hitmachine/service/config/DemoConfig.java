package nl.hitmachine.service.config;

/**
 * Demo mode: clients without a token hash get a fresh random token at start-up, written to the
 * credentials file (mode 600). Never enable in production.
 *
 * @param enabled default false
 * @param credentialsFile where the demo tokens are written
 */
public record DemoConfig(Boolean enabled, String credentialsFile) {
  public DemoConfig {
    enabled = enabled != null && enabled;
    credentialsFile = credentialsFile == null ? "hitmachine-demo/credentials.json" : credentialsFile;
  }
}
