package nl.hitmachine.service.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical encoding of an audit entry: the bytes that are stored and hash-chained.
 *
 * <p>An entry with its sequence number is encoded as one UTF-8 JSON object without whitespace. The
 * fields appear in this fixed order; a field whose value is {@code null}, an empty list or an empty
 * map is left out:
 *
 * <ol>
 *   <li>{@code seq} — the sequence number (integer)
 *   <li>{@code time} — ISO-8601 in UTC with exactly three fraction digits, e.g. {@code
 *       2025-01-31T09:15:00.250Z} (sub-millisecond precision is truncated)
 *   <li>{@code requestId}, {@code clientId}, {@code agency} — strings
 *   <li>{@code roles} — array of strings, in the order given
 *   <li>{@code certificate} — the client certificate of a mutual TLS call: {@code {"subject":…,
 *       "organizationIdentifier":…, "sha256":…}} ({@code organizationIdentifier} left out when
 *       absent); the whole field is left out for calls without one, so entries written before it
 *       existed keep their bytes
 *   <li>{@code action}, {@code outcome} — the wire names of {@link AuditAction} and {@link
 *       AuditOutcome}
 *   <li>{@code problemType}, {@code purpose}, {@code caseRef}, {@code requestedBy} — strings
 *   <li>{@code subjects} — array, in the order given, of {@code {"pseudonyms":[…],
 *       "permitted":bool, "disclosed":[…]}} ({@code disclosed} left out when empty)
 *   <li>{@code counts} — object with integer values, keys in ascending {@link String#compareTo}
 *       order
 * </ol>
 *
 * <p>Strings are escaped the way Jackson's UTF-8 generator does by default: {@code "}, {@code \}
 * and control characters are escaped; characters outside the Basic Multilingual Plane (and lone
 * surrogates) are written as <code>&#92;uXXXX</code> escapes of their UTF-16 code units; everything
 * else is written as UTF-8. The same entry and sequence number therefore always give the same
 * bytes.
 *
 * <p>Decoding accepts the fields in any order, and rejects unknown or duplicate fields and missing
 * required ones ({@code seq}, {@code time}, {@code requestId}, {@code action}, {@code outcome})
 * with an {@link IOException}. The class is thread-safe; an {@link Encoder} is not.
 */
public final class AuditEntryCodec {

  /** Payloads larger than this are refused when encoding and treated as damage when reading. */
  public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  private static final JsonFactory JSON =
      new JsonFactoryBuilder()
          .rootValueSeparator((String) null)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private static final SerializableString SEQ = new SerializedString("seq");
  private static final SerializableString TIME = new SerializedString("time");
  private static final SerializableString REQUEST_ID = new SerializedString("requestId");
  private static final SerializableString CLIENT_ID = new SerializedString("clientId");
  private static final SerializableString AGENCY = new SerializedString("agency");
  private static final SerializableString ROLES = new SerializedString("roles");
  private static final SerializableString CERTIFICATE = new SerializedString("certificate");
  private static final SerializableString SUBJECT = new SerializedString("subject");
  private static final SerializableString ORGANIZATION_IDENTIFIER = new SerializedString("organizationIdentifier");
  private static final SerializableString SHA256 = new SerializedString("sha256");
  private static final SerializableString ACTION = new SerializedString("action");
  private static final SerializableString OUTCOME = new SerializedString("outcome");
  private static final SerializableString PROBLEM_TYPE = new SerializedString("problemType");
  private static final SerializableString PURPOSE = new SerializedString("purpose");
  private static final SerializableString CASE_REF = new SerializedString("caseRef");
  private static final SerializableString REQUESTED_BY = new SerializedString("requestedBy");
  private static final SerializableString SUBJECTS = new SerializedString("subjects");
  private static final SerializableString PSEUDONYMS = new SerializedString("pseudonyms");
  private static final SerializableString PERMITTED = new SerializedString("permitted");
  private static final SerializableString DISCLOSED = new SerializedString("disclosed");
  private static final SerializableString COUNTS = new SerializedString("counts");

  private static final SerializableString[] ACTION_NAMES = wireNames(AuditAction.values());
  private static final SerializableString[] OUTCOME_NAMES = wireNames(AuditOutcome.values());
  private static final Map<String, AuditAction> ACTIONS = new HashMap<>();
  private static final Map<String, AuditOutcome> OUTCOMES = new HashMap<>();

  static {
    for (AuditAction a : AuditAction.values()) {
      ACTIONS.put(a.wireName(), a);
    }
    for (AuditOutcome o : AuditOutcome.values()) {
      OUTCOMES.put(o.wireName(), o);
    }
  }

  /** Formats instants outside years 0000–9999, which the fast path does not handle. */
  private static final DateTimeFormatter WIDE_INSTANT =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private AuditEntryCodec() {}

  /** An entry as decoded from its stored form. */
  public record Decoded(long sequence, AuditEntry entry) {
    public Decoded {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /** Encodes {@code entry} with {@code sequence} to its canonical bytes. */
  public static byte[] encode(long sequence, AuditEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    Encoder encoder = new Encoder(out);
    try {
      encoder.encode(sequence, entry);
    } catch (IOException e) {
      throw new UncheckedIOException("audit entry could not be encoded", e);
    }
    return out.toByteArray();
  }

  /** Decodes a whole array produced by {@link #encode}. */
  public static Decoded decode(byte[] payload) throws IOException {
    return decode(payload, 0, payload.length);
  }

  /** Decodes {@code length} bytes at {@code offset}; the range must hold exactly one entry. */
  public static Decoded decode(byte[] payload, int offset, int length) throws IOException {
    try (JsonParser p = JSON.createParser(payload, offset, length)) {
      Decoded decoded = readEntry(p);
      if (p.nextToken() != null) {
        throw new IOException("trailing data after the audit entry");
      }
      return decoded;
    } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
      throw new IOException("invalid audit entry: " + e.getMessage(), e);
    }
  }

  /**
   * Reads only the sequence number, which the canonical form puts first. Cheaper than {@link
   * #decode} when scanning; does not validate the rest of the payload.
   */
  public static long readSequence(byte[] payload, int offset, int length) throws IOException {
    try (JsonParser p = JSON.createParser(payload, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || p.nextToken() != JsonToken.FIELD_NAME
          || !"seq".equals(p.currentName())
          || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
        throw new IOException("audit entry does not start with its sequence number");
      }
      long seq = p.getLongValue();
      if (seq < 0) {
        throw new IOException("negative sequence number");
      }
      return seq;
    }
  }

  /**
   * A reusable encoder bound to one output stream, for a thread that encodes many entries (the
   * audit writer). Each {@link #encode} call writes exactly one entry's bytes to the stream before
   * it returns. Not thread-safe.
   */
  public static final class Encoder {
    private final OutputStream out;
    private final char[] timeChars = new char[24];
    private JsonGenerator generator;

    public Encoder(OutputStream out) {
      this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes the canonical form of {@code entry} with {@code sequence} to the stream. If this
     * throws, the stream may have received part of the entry; the caller discards those bytes and
     * may go on using this encoder.
     */
    public void encode(long sequence, AuditEntry entry) throws IOException {
      if (sequence < 0) {
        throw new IllegalArgumentException("sequence must not be negative");
      }
      Objects.requireNonNull(entry, "entry");
      if (generator == null) {
        generator = JSON.createGenerator(out);
      }
      try {
        write(generator, sequence, entry);
        generator.flush();
      } catch (IOException | RuntimeException e) {
        // The generator's state is unknown now; start a fresh one for the next entry.
        JsonGenerator broken = generator;
        generator = null;
        try {
          broken.close();
        } catch (IOException | RuntimeException ignored) {
          // Closing only releases buffers; the original failure is what matters.
        }
        throw e;
      }
    }

    private void write(JsonGenerator g, long sequence, AuditEntry e) throws IOException {
      g.writeStartObject();
      g.writeFieldName(SEQ);
      g.writeNumber(sequence);
      g.writeFieldName(TIME);
      writeTime(g, e.time());
      stringField(g, REQUEST_ID, e.requestId());
      stringField(g, CLIENT_ID, e.clientId());
      stringField(g, AGENCY, e.agency());
      stringArrayField(g, ROLES, e.roles());
      AuditCertificate certificate = e.certificate();
      if (certificate != null) {
        g.writeFieldName(CERTIFICATE);
        g.writeStartObject();
        stringField(g, SUBJECT, certificate.subject());
        stringField(g, ORGANIZATION_IDENTIFIER, certificate.organizationIdentifier());
        stringField(g, SHA256, certificate.sha256());
        g.writeEndObject();
      }
      g.writeFieldName(ACTION);
      g.writeString(ACTION_NAMES[e.action().ordinal()]);
      g.writeFieldName(OUTCOME);
      g.writeString(OUTCOME_NAMES[e.outcome().ordinal()]);
      stringField(g, PROBLEM_TYPE, e.problemType());
      stringField(g, PURPOSE, e.purpose());
      stringField(g, CASE_REF, e.caseRef());
      stringField(g, REQUESTED_BY, e.requestedBy());
      List<AuditSubject> subjects = e.subjects();
      if (!subjects.isEmpty()) {
        g.writeFieldName(SUBJECTS);
        g.writeStartArray();
        for (int i = 0, n = subjects.size(); i < n; i++) {
          AuditSubject s = subjects.get(i);
          g.writeStartObject();
          stringArrayField(g, PSEUDONYMS, s.auditPseudonyms());
          g.writeFieldName(PERMITTED);
          g.writeBoolean(s.permitted());
          stringArrayField(g, DISCLOSED, s.disclosed());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      Map<String, Long> counts = e.counts();
      if (!counts.isEmpty()) {
        String[] keys = counts.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        g.writeFieldName(COUNTS);
        g.writeStartObject();
        for (String key : keys) {
          g.writeFieldName(key);
          g.writeNumber(counts.get(key).longValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }

    private void writeTime(JsonGenerator g, Instant time) throws IOException {
      long millis = time.toEpochMilli();
      long seconds = Math.floorDiv(millis, 1000L);
      int milli = (int) Math.floorMod(millis, 1000L);
      LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
      int year = t.getYear();
      if (year < 0 || year > 9999) {
        g.writeString(WIDE_INSTANT.format(Instant.ofEpochMilli(millis)));
        return;
      }
      char[] c = timeChars;
      digits(c, 0, year, 4);
      c[4] = '-';
      digits(c, 5, t.getMonthValue(), 2);
      c[7] = '-';
      digits(c, 8, t.getDayOfMonth(), 2);
      c[10] = 'T';
      digits(c, 11, t.getHour(), 2);
      c[13] = ':';
      digits(c, 14, t.getMinute(), 2);
      c[16] = ':';
      digits(c, 17, t.getSecond(), 2);
      c[19] = '.';
      digits(c, 20, milli, 3);
      c[23] = 'Z';
      g.writeString(c, 0, 24);
    }

    private static void digits(char[] c, int at, int value, int width) {
      for (int i = at + width - 1; i >= at; i--) {
        c[i] = (char) ('0' + value % 10);
        value /= 10;
      }
    }

    private static void stringField(JsonGenerator g, SerializableString name, String value)
        throws IOException {
      if (value != null) {
        g.writeFieldName(name);
        g.writeString(value);
      }
    }

    private static void stringArrayField(
        JsonGenerator g, SerializableString name, List<String> values) throws IOException {
      if (values.isEmpty()) {
        return;
      }
      g.writeFieldName(name);
      g.writeStartArray();
      for (int i = 0, n = values.size(); i < n; i++) {
        g.writeString(values.get(i));
      }
      g.writeEndArray();
    }
  }

  private static Decoded readEntry(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, "an object");
    long seq = -1;
    Instant time = null;
    String requestId = null;
    String clientId = null;
    String agency = null;
    List<String> roles = List.of();
    AuditCertificate certificate = null;
    AuditAction action = null;
    AuditOutcome outcome = null;
    String problemType = null;
    String purpose = null;
    String caseRef = null;
    String requestedBy = null;
    List<AuditSubject> subjects = List.of();
    Map<String, Long> counts = Map.of();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "seq" -> {
          expect(v, JsonToken.VALUE_NUMBER_INT, "an integer seq");
          seq = p.getLongValue();
          if (seq < 0) {
            throw new IOException("negative sequence number");
          }
        }
        case "time" -> time = Instant.parse(text(p, v, name));
        case "requestId" -> requestId = text(p, v, name);
        case "clientId" -> clientId = text(p, v, name);
        case "agency" -> agency = text(p, v, name);
        case "roles" -> roles = readStrings(p, v, name);
        case "certificate" -> certificate = readCertificate(p, v);
        case "action" -> {
          String wire = text(p, v, name);
          action = ACTIONS.get(wire);
          if (action == null) {
            throw new IOException("unknown action");
          }
        }
        case "outcome" -> {
          String wire = text(p, v, name);
          outcome = OUTCOMES.get(wire);
          if (outcome == null) {
            throw new IOException("unknown outcome");
          }
        }
        case "problemType" -> problemType = text(p, v, name);
        case "purpose" -> purpose = text(p, v, name);
        case "caseRef" -> caseRef = text(p, v, name);
        case "requestedBy" -> requestedBy = text(p, v, name);
        case "subjects" -> subjects = readSubjects(p, v);
        case "counts" -> counts = readCounts(p, v);
        default -> throw new IOException("unknown field in audit entry: " + name);
      }
    }
    expect(t, JsonToken.END_OBJECT, "end of object");
    if (seq < 0 || time == null || requestId == null || action == null || outcome == null) {
      throw new IOException("audit entry lacks a required field");
    }
    return new Decoded(
        seq,
        new AuditEntry(
            time,
            requestId,
            clientId,
            agency,
            roles,
            certificate,
            action,
            outcome,
            problemType,
            purpose,
            caseRef,
            requestedBy,
            subjects,
            counts));
  }

  private static AuditCertificate readCertificate(JsonParser p, JsonToken v) throws IOException {
    expect(v, JsonToken.START_OBJECT, "an object for certificate");
    String subject = null;
    String organizationIdentifier = null;
    String sha256 = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken fv = p.nextToken();
      switch (name) {
        case "subject" -> subject = text(p, fv, name);
        case "organizationIdentifier" -> organizationIdentifier = text(p, fv, name);
        case "sha256" -> sha256 = text(p, fv, name);
        default -> throw new IOException("unknown field in audit certificate: " + name);
      }
    }
    expect(t, JsonToken.END_OBJECT, "end of certificate");
    if (subject == null || sha256 == null) {
      throw new IOException("audit certificate lacks a required field");
    }
    return new AuditCertificate(subject, organizationIdentifier, sha256);
  }

  private static List<AuditSubject> readSubjects(JsonParser p, JsonToken v) throws IOException {
    expect(v, JsonToken.START_ARRAY, "an array of subjects");
    List<AuditSubject> subjects = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      List<String> pseudonyms = null;
      Boolean permitted = null;
      List<String> disclosed = List.of();
      JsonToken f;
      while ((f = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken fv = p.nextToken();
        switch (name) {
          case "pseudonyms" -> pseudonyms = readStrings(p, fv, name);
          case "permitted" -> {
            if (fv != JsonToken.VALUE_TRUE && fv != JsonToken.VALUE_FALSE) {
              throw new IOException("permitted must be a boolean");
            }
            permitted = fv == JsonToken.VALUE_TRUE;
          }
          case "disclosed" -> disclosed = readStrings(p, fv, name);
          default -> throw new IOException("unknown field in audit subject: " + name);
        }
      }
      expect(f, JsonToken.END_OBJECT, "end of subject");
      if (pseudonyms == null || permitted == null) {
        throw new IOException("audit subject lacks a required field");
      }
      subjects.add(new AuditSubject(pseudonyms, permitted, disclosed));
    }
    expect(t, JsonToken.END_ARRAY, "end of subjects");
    return subjects;
  }

  private static Map<String, Long> readCounts(JsonParser p, JsonToken v) throws IOException {
    expect(v, JsonToken.START_OBJECT, "an object of counts");
    Map<String, Long> counts = new HashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT, "an integer count");
      counts.put(key, p.getLongValue());
    }
    expect(t, JsonToken.END_OBJECT, "end of counts");
    return counts;
  }

  private static List<String> readStrings(JsonParser p, JsonToken v, String name)
      throws IOException {
    expect(v, JsonToken.START_ARRAY, "an array for " + name);
    List<String> values = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
      values.add(p.getText());
    }
    expect(t, JsonToken.END_ARRAY, "strings in " + name);
    return values;
  }

  private static String text(JsonParser p, JsonToken v, String name) throws IOException {
    expect(v, JsonToken.VALUE_STRING, "a string for " + name);
    return p.getText();
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException("invalid audit entry: expected " + what);
    }
  }

  private static SerializableString[] wireNames(Enum<?>[] values) {
    SerializableString[] names = new SerializableString[values.length];
    for (Enum<?> v : values) {
      String wire = v instanceof AuditAction a ? a.wireName() : ((AuditOutcome) v).wireName();
      names[v.ordinal()] = new SerializedString(wire);
    }
    return names;
  }
}
