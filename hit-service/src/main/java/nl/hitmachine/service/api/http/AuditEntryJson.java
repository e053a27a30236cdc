package nl.hitmachine.service.api.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.hitmachine.service.audit.AuditEntryCodec;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.hit.AuditPage;

/**
 * The JSON form of audit entries in searches and NDJSON exports: exactly the canonical stored
 * object ({@link AuditEntryCodec}: {@code seq, time, requestId, clientId, agency, roles,
 * certificate{subject, organizationIdentifier, sha256}, action, outcome, problemType, purpose, caseRef, requestedBy, subjects[{pseudonyms, permitted,
 * disclosed}], counts}, empty fields left out) with {@code entryHash} added as the last field. So
 * SHA-256(0x00 ‖ the object without {@code entryHash}) is the entry's Merkle leaf.
 */
final class AuditEntryJson {
  private static final byte[] HASH_FIELD = ",\"entryHash\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

  private AuditEntryJson() {}

  /** Appends the entry's JSON object to {@code out}. */
  static void append(Buffer out, StoredAuditEntry e) {
    byte[] canonical = AuditEntryCodec.encode(e.sequence(), e.entry());
    out.appendBytes(canonical, 0, canonical.length - 1); // without the closing brace
    out.appendBytes(HASH_FIELD);
    out.appendString(e.entryHash(), "US-ASCII"); // lower-case hex
    out.appendBytes(END);
  }

  /** Appends one NDJSON line per entry. */
  static void appendLines(Buffer out, List<StoredAuditEntry> entries) {
    for (StoredAuditEntry e : entries) {
      append(out, e);
      out.appendByte((byte) '\n');
    }
  }

  /** {@code {"entries":[…],"next":"<cursor>"}}, {@code next} only when more may follow. */
  static Buffer page(AuditPage page) {
    Buffer out = Buffer.buffer(256 + page.entries().size() * 512);
    out.appendString("{\"entries\":[");
    boolean first = true;
    for (StoredAuditEntry e : page.entries()) {
      if (!first) {
        out.appendByte((byte) ',');
      }
      first = false;
      append(out, e);
    }
    out.appendString("]");
    if (page.next() != null) {
      out.appendString(",\"next\":\"" + page.next() + "\"");
    }
    out.appendString("}");
    return out;
  }
}
