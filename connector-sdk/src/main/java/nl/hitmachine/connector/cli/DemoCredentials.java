package nl.hitmachine.connector.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The credentials file hit-service writes in demo mode:
 *
 * <pre>{@code
 * {"url":"http://127.0.0.1:8080",
 *  "clients":[{"clientId":"leerplicht-connector","agency":"leerplicht","roles":["connector"],"token":"..."}, ...]}
 * }</pre>
 */
record DemoCredentials(String url, List<Client> clients) {
  record Client(String clientId, String agency, List<String> roles, String token) {
    @Override
    public String toString() {
      return "Client[" + clientId + ", agency=" + agency + ", roles=" + roles + ", token=redacted]";
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  /** The token of the first client of {@code agency} with the role {@code connector}. */
  Optional<String> connectorToken(String agency) {
    return clients.stream()
        .filter(c -> agency.equals(c.agency()) && c.roles().contains("connector") && c.token() != null)
        .map(Client::token)
        .findFirst();
  }

  /** The token of the first client with the role {@code role}. */
  Optional<String> tokenWithRole(String role) {
    return clients.stream()
        .filter(c -> c.roles().contains(role) && c.token() != null)
        .map(Client::token)
        .findFirst();
  }

  static DemoCredentials read(Path file) throws IOException {
    String url = null;
    List<Client> clients = new ArrayList<>();
    try (JsonParser p = JSON.createParser(Files.readAllBytes(file))) {
      expect(p.nextToken() == JsonToken.START_OBJECT, file, "expected a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("url") && value == JsonToken.VALUE_STRING) {
          url = p.getText();
        } else if (field.equals("clients")) {
          expect(value == JsonToken.START_ARRAY, file, "clients must be an array");
          while (p.nextToken() == JsonToken.START_OBJECT) {
            clients.add(client(p, file));
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("credentials file " + file + " is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    return new DemoCredentials(url, List.copyOf(clients));
  }

  private static Client client(JsonParser p, Path file) throws IOException {
    String clientId = null;
    String agency = null;
    String token = null;
    List<String> roles = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "clientId" -> clientId = p.getValueAsString();
        case "agency" -> agency = p.getValueAsString();
        case "token" -> token = p.getValueAsString();
        case "roles" -> {
          expect(value == JsonToken.START_ARRAY, file, "roles must be an array");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            roles.add(p.getValueAsString());
          }
        }
        default -> p.skipChildren();
      }
    }
    return new Client(clientId, agency, List.copyOf(roles), token);
  }

  private static void expect(boolean condition, Path file, String what) throws IOException {
    if (!condition) {
      throw new IOException("credentials file " + file + " is malformed: " + what);
    }
  }
}
