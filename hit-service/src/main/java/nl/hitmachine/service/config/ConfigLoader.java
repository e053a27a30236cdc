package nl.hitmachine.service.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the configuration: one YAML file (or, without one, the embedded demo defaults), then
 * environment overrides, then validation.
 *
 * <p>Every scalar setting can be overridden by an environment variable named {@code HITMACHINE_}
 * plus its path in upper snake case: {@code server.port} → {@code HITMACHINE_SERVER_PORT},
 * {@code storage.dataDir} → {@code HITMACHINE_STORAGE_DATA_DIR}. Lists (agencies, purposes,
 * clients) come from the file only.
 */
public final class ConfigLoader {
  /** Classpath resource with the embedded demo defaults. */
  public static final String DEMO_DEFAULTS = "/hitmachine-demo.yaml";

  private static final String ENV_PREFIX = "HITMACHINE_";

  private final ObjectMapper yaml;

  public ConfigLoader() {
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** Loads {@code file}, or the embedded demo defaults when {@code file} is null. */
  public HitServiceConfig load(Path file, Map<String, String> env) {
    JsonNode tree = file == null ? readDefaults() : readFile(file);
    if (!(tree instanceof ObjectNode root)) {
      throw new ConfigException(List.of("(root): the configuration must be a YAML mapping"));
    }
    applyEnvironment(root, env);
    HitServiceConfig config = bind(root);
    new ConfigValidator().validate(config);
    return config;
  }

  /** The environment variable that overrides a dotted setting path. */
  public static String environmentName(String path) {
    StringBuilder name = new StringBuilder(ENV_PREFIX);
    for (char c : path.toCharArray()) {
      if (c == '.') {
        name.append('_');
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  private JsonNode readDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEMO_DEFAULTS)) {
      if (in == null) {
        throw new ConfigException(List.of("embedded defaults " + DEMO_DEFAULTS + " are missing"));
      }
      return yaml.readTree(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read embedded defaults: " + e.getMessage(), e);
    }
  }

  private JsonNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(List.of("configuration file " + file + " does not exist"));
    }
    try {
      JsonNode node = yaml.readTree(file.toFile());
      return node == null ? yaml.createObjectNode() : node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          file + ": not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void applyEnvironment(ObjectNode root, Map<String, String> env) {
    for (String path : scalarPaths(HitServiceConfig.class, "")) {
      String value = env.get(environmentName(path));
      if (value != null) {
        ObjectNode parent = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
          JsonNode child = parent.get(parts[i]);
          parent = child instanceof ObjectNode o ? o : parent.putObject(parts[i]);
        }
        parent.put(parts[parts.length - 1], value);
      }
    }
  }

  /** Dotted paths of every scalar setting reachable through nested records (lists excluded). */
  static List<String> scalarPaths(Class<?> type, String prefix) {
    List<String> paths = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String path = prefix + component.getName();
      Class<?> componentType = component.getType();
      if (componentType.isRecord()) {
        paths.addAll(scalarPaths(componentType, path + "."));
      } else if (!List.class.isAssignableFrom(componentType)) {
        paths.add(path);
      }
    }
    return paths;
  }

  private HitServiceConfig bind(ObjectNode root) {
    try {
      return yaml.treeToValue(root, HitServiceConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          List.of(pathOf(e) + ": unknown setting (known here: " + e.getKnownPropertyIds() + ")"));
    } catch (JsonMappingException e) {
      throw new ConfigException(List.of(pathOf(e) + ": " + e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException(e.getOriginalMessage(), e);
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.isEmpty() ? "(root)" : path.toString();
  }
}
