package nl.hitmachine.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo mode only: gives every configured client without a token hash a random bearer token and
 * writes the tokens to a credentials file (mode 600), reusing the tokens already in that file so
 * that restarts keep them. Format:
 *
 * <pre>{"url":"http://127.0.0.1:8080","clients":[{"clientId":…,"agency":…,"roles":[…],"token":…}]}</pre>
 */
public final class DemoCredentials {
  /** A demo client as written to the credentials file. */
  public record DemoClient(String clientId, String agency, List<String> roles) {}

  private DemoCredentials() {}

  /**
   * Ensures tokens for {@code clients}, writes the file and returns client id → token hash.
   *
   * @param url the base URL to record for the SDK's demo loader
   */
  public static Map<String, String> issue(Path file, String url, List<DemoClient> clients, SecureRandom random) {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> existing = new HashMap<>();
    if (Files.exists(file)) {
      try {
        JsonNode root = json.readTree(file.toFile());
        for (JsonNode c : root.path("clients")) {
          if (c.hasNonNull("clientId") && c.hasNonNull("token")) {
            existing.put(c.get("clientId").asText(), c.get("token").asText());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read demo credentials file " + file + ": " + e.getMessage(), e);
      }
    }
    ObjectNode root = json.createObjectNode().put("url", url);
    ArrayNode list = root.putArray("clients");
    Map<String, String> hashes = new LinkedHashMap<>();
    for (DemoClient client : clients) {
      String token = existing.get(client.clientId());
      if (token == null) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
      ObjectNode c = list.addObject().put("clientId", client.clientId()).put("agency", client.agency());
      client.roles().forEach(c.putArray("roles")::add);
      c.put("token", token);
      hashes.put(client.clientId(), BearerTokenAuthenticator.sha256Hex(token));
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".credentials", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write demo credentials file " + file + ": " + e.getMessage(), e);
    }
    return hashes;
  }
}
