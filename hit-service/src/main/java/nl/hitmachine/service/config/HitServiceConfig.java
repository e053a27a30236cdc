package nl.hitmachine.service.config;

import java.util.List;

/** The whole configuration of hit-service, as read from one YAML file plus environment overrides. */
public record HitServiceConfig(
    ServerConfig server,
    StorageConfig storage,
    KeysConfig keys,
    AuditConfig audit,
    LimitsConfig limits,
    RetentionConfig retention,
    LookupConfig lookup,
    PseudonymConfig pseudonyms,
    WorkersConfig workers,
    DemoConfig demo,
    List<AgencyConfig> agencies,
    List<PurposeConfig> purposes,
    List<ClientConfig> clients,
    ManagementConfig management,
    HealthConfig health,
    LoggingConfig logging) {
  public HitServiceConfig {
    server = server == null ? new ServerConfig(null, null) : server;
    storage = storage == null ? new StorageConfig(null) : storage;
    keys = keys == null ? new KeysConfig(null, null, null) : keys;
    audit = audit == null ? new AuditConfig(null, null, null) : audit;
    limits = limits == null ? new LimitsConfig(null, null, null, null, null, null, null) : limits;
    retention = retention == null ? new RetentionConfig(null, null) : retention;
    lookup = lookup == null ? new LookupConfig(null) : lookup;
    pseudonyms = pseudonyms == null ? new PseudonymConfig(null) : pseudonyms;
    workers = workers == null ? new WorkersConfig(null, null) : workers;
    demo = demo == null ? new DemoConfig(null, null) : demo;
    agencies = agencies == null ? List.of() : List.copyOf(agencies);
    purposes = purposes == null ? List.of() : List.copyOf(purposes);
    clients = clients == null ? List.of() : List.copyOf(clients);
    management = management == null ? new ManagementConfig(null, null, null) : management;
    health = health == null ? new HealthConfig(null, null) : health;
    logging = logging == null ? new LoggingConfig(null) : logging;
  }

  /** Without health and logging sections: their defaults. */
  public HitServiceConfig(ServerConfig server, StorageConfig storage, KeysConfig keys, AuditConfig audit,
      LimitsConfig limits, RetentionConfig retention, LookupConfig lookup, PseudonymConfig pseudonyms,
      WorkersConfig workers, DemoConfig demo, List<AgencyConfig> agencies, List<PurposeConfig> purposes,
      List<ClientConfig> clients, ManagementConfig management) {
    this(server, storage, keys, audit, limits, retention, lookup, pseudonyms, workers, demo, agencies, purposes,
        clients, management, null, null);
  }

  /** The same configuration with other health thresholds and request log. */
  public HitServiceConfig with(HealthConfig health, LoggingConfig logging) {
    return new HitServiceConfig(server, storage, keys, audit, limits, retention, lookup, pseudonyms, workers, demo,
        agencies, purposes, clients, management, health, logging);
  }

  /** Without a management section: the management port with its defaults. */
  public HitServiceConfig(ServerConfig server, StorageConfig storage, KeysConfig keys, AuditConfig audit,
      LimitsConfig limits, RetentionConfig retention, LookupConfig lookup, PseudonymConfig pseudonyms,
      WorkersConfig workers, DemoConfig demo, List<AgencyConfig> agencies, List<PurposeConfig> purposes,
      List<ClientConfig> clients) {
    this(server, storage, keys, audit, limits, retention, lookup, pseudonyms, workers, demo, agencies, purposes,
        clients, null, null, null);
  }
}
