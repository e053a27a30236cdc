package nl.hitmachine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads one client's token (and the service URL) from the demo's {@code credentials.json}. */
record Credentials(Optional<String> url, String token) {

  static Credentials read(Path file, String clientId) throws IOException {
    String url = null;
    String token = null;
    try (JsonParser p = new JsonFactory().createParser(Files.readAllBytes(file))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("credentials file " + file + " is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("url") && value == JsonToken.VALUE_STRING) {
          url = p.getText();
        } else if (field.equals("clients") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            String t = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              switch (f) {
                case "clientId" -> id = p.getValueAsString();
                case "token" -> t = p.getValueAsString();
                default -> p.skipChildren();
              }
            }
            if (clientId.equals(id) && t != null) {
              token = t;
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("credentials file " + file + " is not valid JSON");
    }
    if (token == null) {
      throw new IOException("credentials file " + file + " has no client " + clientId + " with a token");
    }
    return new Credentials(Optional.ofNullable(url), token);
  }

  @Override
  public String toString() {
    return "Credentials[url=" + url + ", token=redacted]";
  }
}
