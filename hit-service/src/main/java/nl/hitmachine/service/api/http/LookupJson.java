package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import nl.hitmachine.service.hit.DisclosedAgency;
import nl.hitmachine.service.hit.HouseholdResult;
import nl.hitmachine.service.hit.LookupAnswer;
import nl.hitmachine.service.hit.SubjectResult;

/** The JSON form of lookup answers (API v1); requests are read by {@link LookupRequestParser}. */
final class LookupJson {
  private LookupJson() {}

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Renders an answer with Jackson's streaming generator: this is the lookup hot path, and tree
   * building plus databind-based encoding cost more than the lookup itself.
   */
  static Buffer render(LookupAnswer answer) {
    int subjects = answer.results().size();
    for (HouseholdResult h : answer.households()) {
      subjects += h.results().size();
    }
    // Written straight into the response buffer (Jackson buffers and flushes in chunks): no
    // growing byte array and no copies of the whole answer.
    Buffer out = Buffer.buffer(256 + 160 * subjects);
    try (JsonGenerator g = JSON.createGenerator(new BufferOutput(out))) {
      g.writeStartObject();
      g.writeStringField("lookupId", answer.lookupId());
      g.writeObjectFieldStart("receipt");
      g.writeNumberField("sequence", answer.receipt().sequence());
      g.writeStringField("entryHash", answer.receipt().entryHash());
      g.writeNumberField("treeSize", answer.receipt().treeSize());
      g.writeEndObject();
      g.writeFieldName("results");
      writeResults(g, answer.results());
      g.writeArrayFieldStart("households");
      for (HouseholdResult h : answer.households()) {
        g.writeStartObject();
        g.writeFieldName("ref");
        writeScalar(g, h.ref());
        g.writeFieldName("results");
        writeResults(g, h.results());
        g.writeFieldName("agencies");
        writeAgencies(g, h.agencies());
        g.writeArrayFieldStart("domains");
        for (String d : h.domains()) {
          g.writeString(d);
        }
        g.writeEndArray();
        g.writeBooleanField("signal", h.signal());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render a lookup answer", e);
    }
    return out;
  }

  /** An {@link OutputStream} appending to a Vert.x {@link Buffer}. */
  private static final class BufferOutput extends OutputStream {
    private final Buffer buffer;

    BufferOutput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer.appendBytes(b, off, len);
    }
  }

  private static void writeResults(JsonGenerator g, List<SubjectResult> results) throws IOException {
    g.writeStartArray();
    for (SubjectResult r : results) {
      g.writeStartObject();
      g.writeFieldName("subject");
      if (r.subject().givenAsList()) {
        g.writeStartArray();
        for (Object alias : r.subject().aliases()) {
          writeScalar(g, alias);
        }
        g.writeEndArray();
      } else {
        writeScalar(g, r.subject().aliases().get(0));
      }
      g.writeBooleanField("known", r.known());
      g.writeBooleanField("permitted", r.permitted());
      g.writeFieldName("agencies");
      writeAgencies(g, r.agencies());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeAgencies(JsonGenerator g, List<DisclosedAgency> agencies) throws IOException {
    g.writeStartArray();
    for (DisclosedAgency a : agencies) {
      g.writeStartObject();
      g.writeStringField("code", a.code());
      g.writeStringField("name", a.name());
      if (a.domain() != null) {
        g.writeStringField("domain", a.domain());
      }
      if (a == DisclosedAgency.PROTECTED) {
        g.writeBooleanField("protected", true);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Validated subjects and refs are strings; anything else was refused before an answer exists. */
  private static void writeScalar(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }
}
