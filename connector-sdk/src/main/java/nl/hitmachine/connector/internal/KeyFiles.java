package nl.hitmachine.connector.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import nl.hitmachine.connector.KeyFileException;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.SecretBytes;

/** Reads and writes the pseudonym key file format documented on {@link PseudonymKey}. */
public final class KeyFiles {
  private static final int MAX_FILE_SIZE = 64 * 1024;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private KeyFiles() {}

  public static PseudonymKey read(Path file) throws IOException {
    Set<PosixFilePermission> permissions = posixPermissions(file);
    if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      throw new KeyFileException(
          file,
          "key file "
              + file
              + " is accessible by group or others (permissions "
              + PosixFilePermissions.toString(permissions)
              + "); a pseudonym key must be readable by its owner only. Fix: chmod 600 "
              + file);
    }
    long size = Files.size(file);
    if (size > MAX_FILE_SIZE) {
      throw new KeyFileException(file, "key file " + file + " is too large to be a key file");
    }
    byte[] content = Files.readAllBytes(file);
    try {
      return parse(file, content);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
    try {
      // Follows a symbolic link: what matters is who can read the key itself.
      return Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      throw new KeyFileException(
          file, "cannot check the permissions of key file " + file + ": not a POSIX file system", e);
    }
  }

  private static PseudonymKey parse(Path file, byte[] content) throws KeyFileException {
    String kid = null;
    String key = null;
    String created = null;
    try (JsonParser p = Json.FACTORY.createParser(content)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(file, "expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "kid" -> kid = textField(file, p, value, name);
          case "key" -> key = textField(file, p, value, name);
          case "created" -> created = textField(file, p, value, name);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw malformed(file, "unexpected content after the JSON object");
      }
    } catch (JsonParseException e) {
      // Jackson's message may quote part of the content: leave it out.
      throw malformed(file, "not valid JSON (line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw malformed(file, "cannot be parsed");
    }
    if (kid == null || key == null || created == null) {
      throw malformed(file, "the fields kid, key and created are all required");
    }
    if (!PseudonymKey.isValidKid(kid)) {
      throw malformed(file, "kid must match [a-z0-9]{1,16}");
    }
    byte[] secret;
    try {
      secret = Base64.getUrlDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw malformed(file, "key is not base64url");
    }
    if (secret.length != PseudonymKey.KEY_LENGTH) {
      int length = secret.length;
      Arrays.fill(secret, (byte) 0);
      throw malformed(file, "key must be " + PseudonymKey.KEY_LENGTH + " bytes, is " + length);
    }
    LocalDate createdDay;
    try {
      createdDay = LocalDate.parse(created);
    } catch (DateTimeParseException e) {
      throw malformed(file, "created must be a date YYYY-MM-DD");
    }
    try {
      return new PseudonymKey(kid, SecretBytes.copyOf(secret), createdDay);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static String textField(Path file, JsonParser p, JsonToken token, String name)
      throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw malformed(file, name + " must be a string");
    }
    return p.getText();
  }

  private static KeyFileException malformed(Path file, String what) {
    return new KeyFileException(file, "key file " + file + " is malformed: " + what);
  }

  public static void write(PseudonymKey key, Path file) throws IOException {
    byte[] secret = key.secret().toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("kid", key.kid());
      g.writeStringField("key", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
      g.writeStringField("created", key.created().toString());
      g.writeEndObject();
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    out.write('\n');
    byte[] bytes = out.toByteArray();
    FileAttribute<Set<PosixFilePermission>> ownerOnly =
        PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    try (FileChannel channel =
        FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
      // The umask can only remove bits; set them explicitly anyway so the file is exactly 600.
      Files.setPosixFilePermissions(file, OWNER_ONLY);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (UnsupportedOperationException e) {
      throw new KeyFileException(
          file, "cannot create key file " + file + " with permissions 600: not a POSIX file system", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
