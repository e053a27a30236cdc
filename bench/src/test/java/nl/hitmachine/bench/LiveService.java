package nl.hitmachine.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import nl.hitmachine.service.HitService;
import nl.hitmachine.service.config.ConfigLoader;
import nl.hitmachine.service.config.HitServiceConfig;

/**
 * The real hit-service, in-process, on its embedded demo configuration (the one bin/demo and the
 * suite use), with every port 0 and all state in a temp directory: real RocksDB, real durable
 * audit log, demo tokens written to {@code credentials.json} there.
 */
final class LiveService implements AutoCloseable {
  final HitService service;
  final Path credentials;

  private LiveService(HitService service, Path credentials) {
    this.service = service;
    this.credentials = credentials;
  }

  static LiveService start(Path dir) {
    return start(dir, Map.of());
  }

  /** With extra {@code HITMACHINE_*} overrides (e.g. TLS). */
  static LiveService start(Path dir, Map<String, String> extra) {
    Path credentials = dir.resolve("demo/credentials.json");
    Map<String, String> env = new HashMap<>(Map.of(
        "HITMACHINE_SERVER_PORT", "0",
        "HITMACHINE_MANAGEMENT_PORT", "0",
        "HITMACHINE_STORAGE_DATA_DIR", dir.resolve("data").toString(),
        "HITMACHINE_STORAGE_BACKUP_DIR", dir.resolve("backups").toString(),
        "HITMACHINE_KEYS_INDEX_KEY_FILE", dir.resolve("keys/index.key").toString(),
        "HITMACHINE_KEYS_AUDIT_KEY_FILE", dir.resolve("keys/audit.key").toString(),
        "HITMACHINE_AUDIT_CHECKPOINT_KEY_FILE", dir.resolve("keys/checkpoint.key").toString(),
        "HITMACHINE_AUDIT_CHECKPOINT_VERIFIER_FILE", dir.resolve("keys/checkpoint.pub").toString(),
        "HITMACHINE_DEMO_CREDENTIALS_FILE", credentials.toString()));
    env.putAll(extra);
    HitServiceConfig config = new ConfigLoader().load(null, env);
    return new LiveService(HitService.start(config, Clock.system(ZoneId.of("Europe/Amsterdam"))), credentials);
  }

  URI uri(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + service.port());
  }

  URI uri() {
    return uri("http");
  }

  @Override
  public void close() {
    service.close();
  }
}
