package nl.hitmachine.service.config;

/**
 * The verifiable audit log: who signs its checkpoints, and as which log.
 *
 * @param origin the checkpoint origin (first line of every checkpoint), a note key name: no
 *     spaces, no plus signs, no control characters; default {@code hitmachine.local/audit}
 * @param checkpointKeyFile the private Ed25519 note signing key (secret, mode 600); must be outside
 *     {@code storage.dataDir}. Created with its verifier file when {@code keys.generateIfMissing}
 * @param checkpointVerifierFile the public verifier key, to hand to whoever verifies checkpoints
 * @param anomalies the rules of the privacy officer's anomaly report (defaults when absent)
 * @param retention how long entries are kept (default 60 months)
 */
public record AuditConfig(
    String origin,
    String checkpointKeyFile,
    String checkpointVerifierFile,
    AnomalyConfig anomalies,
    AuditRetentionConfig retention) {
  /** With the default anomaly rules and retention. */
  public AuditConfig(String origin, String checkpointKeyFile, String checkpointVerifierFile) {
    this(origin, checkpointKeyFile, checkpointVerifierFile, null, null);
  }

  public AuditConfig {
    anomalies = anomalies == null ? AnomalyConfig.defaults() : anomalies;
    origin = origin == null ? "hitmachine.local/audit" : origin;
    checkpointKeyFile = checkpointKeyFile == null ? "hitmachine-keys/checkpoint.key" : checkpointKeyFile;
    checkpointVerifierFile =
        checkpointVerifierFile == null ? "hitmachine-keys/checkpoint.pub" : checkpointVerifierFile;
    retention = retention == null ? new AuditRetentionConfig(null) : retention;
  }
}
