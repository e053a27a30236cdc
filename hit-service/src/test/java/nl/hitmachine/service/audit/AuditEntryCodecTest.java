package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEntryCodecTest {

  private static AuditEntry full() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("removed", 2L);
    counts.put("added", 7L);
    counts.put("kept", 10L);
    return new AuditEntry(
        Instant.parse("2025-01-31T09:15:00.250Z"),
        "req-1",
        "client-a",
        "VHGLD",
        List.of("querier", "admin"),
        AuditAction.LOOKUP,
        AuditOutcome.OK,
        "about:blank",
        "wso",
        "case \"7\"\n",
        "jan",
        List.of(
            new AuditSubject(List.of("a1.x", "a2.y"), true, List.of("LPL", "protected")),
            new AuditSubject(List.of("a1.z"), false, List.of())),
        counts);
  }

  private static AuditEntry minimal(Instant time) {
    return new AuditEntry(
        time,
        "r",
        null,
        null,
        List.of(),
        AuditAction.REPLACE,
        AuditOutcome.REFUSED,
        null,
        null,
        null,
        null,
        List.of(),
        Map.of());
  }

  private static String json(long seq, AuditEntry entry) {
    return new String(AuditEntryCodec.encode(seq, entry), StandardCharsets.UTF_8);
  }

  /** JSON written with single quotes, for readability. */
  private static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  @Test
  void encode_fullEntry_writesFieldsInCanonicalOrder() {
    assertThat(json(42, full()))
        .isEqualTo(
            q(
                "{'seq':42,'time':'2025-01-31T09:15:00.250Z','requestId':'req-1',"
                    + "'clientId':'client-a','agency':'VHGLD','roles':['querier','admin'],"
                    + "'action':'lookup','outcome':'ok','problemType':'about:blank',"
                    + "'purpose':'wso','caseRef':'case \\'7\\'\\n','requestedBy':'jan',"
                    + "'subjects':[{'pseudonyms':['a1.x','a2.y'],'permitted':true,"
                    + "'disclosed':['LPL','protected']},{'pseudonyms':['a1.z'],'permitted':false}],"
                    + "'counts':{'added':7,'kept':10,'removed':2}}"));
  }

  @Test
  void encode_nullAndEmptyFields_leavesThemOut() {
    String json = json(0, minimal(Instant.parse("2025-01-01T00:00:00Z")));

    assertThat(json)
        .isEqualTo(
            "{\"seq\":0,\"time\":\"2025-01-01T00:00:00.000Z\",\"requestId\":\"r\","
                + "\"action\":\"replace\",\"outcome\":\"refused\"}");
    assertThat(json).doesNotContain("null");
  }

  private static AuditEntry withCertificate(AuditCertificate certificate) {
    AuditEntry f = full();
    return new AuditEntry(f.time(), f.requestId(), f.clientId(), f.agency(), f.roles(), certificate, f.action(),
        f.outcome(), f.problemType(), f.purpose(), f.caseRef(), f.requestedBy(), f.subjects(), f.counts());
  }

  @Test
  void encode_certificate_comesAfterRoles_withOrganizationIdentifierOnlyWhenPresent() {
    String sha = "ab".repeat(32);
    assertThat(json(1, withCertificate(new AuditCertificate("CN=lp,organizationIdentifier=NTRNL-1,O=LP", "NTRNL-1", sha))))
        .contains(q("'roles':['querier','admin'],'certificate':{'subject':'CN=lp,organizationIdentifier=NTRNL-1,O=LP',"
            + "'organizationIdentifier':'NTRNL-1','sha256':'" + sha + "'},'action':'lookup'"));
    assertThat(json(1, withCertificate(new AuditCertificate("CN=lp,O=LP", null, sha))))
        .contains(q("'certificate':{'subject':'CN=lp,O=LP','sha256':'" + sha + "'},'action'"));
  }

  @Test
  void decode_certificate_roundTrips() throws IOException {
    AuditEntry entry = withCertificate(new AuditCertificate("CN=lp,O=LP", "NTRNL-1", "cd".repeat(32)));
    byte[] bytes = AuditEntryCodec.encode(5, entry);
    AuditEntryCodec.Decoded decoded = AuditEntryCodec.decode(bytes);
    assertThat(decoded.entry()).isEqualTo(entry);
    assertThat(AuditEntryCodec.encode(5, decoded.entry())).isEqualTo(bytes);
  }

  @Test
  void entryWrittenBeforeCertificatesExisted_decodesAndReencodesByteIdentically() throws IOException {
    // Bytes as stored by the version without the certificate field.
    byte[] stored = q("{'seq':42,'time':'2025-01-31T09:15:00.250Z','requestId':'req-1',"
        + "'clientId':'client-a','agency':'VHGLD','roles':['querier','admin'],"
        + "'action':'lookup','outcome':'ok','problemType':'about:blank',"
        + "'purpose':'wso','caseRef':'case \\'7\\'\\n','requestedBy':'jan',"
        + "'subjects':[{'pseudonyms':['a1.x','a2.y'],'permitted':true,"
        + "'disclosed':['LPL','protected']},{'pseudonyms':['a1.z'],'permitted':false}],"
        + "'counts':{'added':7,'kept':10,'removed':2}}").getBytes(StandardCharsets.UTF_8);
    AuditEntryCodec.Decoded decoded = AuditEntryCodec.decode(stored);
    assertThat(decoded.entry().certificate()).isNull();
    assertThat(decoded.entry()).isEqualTo(full());
    assertThat(AuditEntryCodec.encode(decoded.sequence(), decoded.entry())).isEqualTo(stored);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'seq':1,'time':'2025-01-01T00:00:00.000Z','requestId':'r','certificate':{'sha256':'ab'},'action':'replace','outcome':'ok'}",
      "{'seq':1,'time':'2025-01-01T00:00:00.000Z','requestId':'r','certificate':{'subject':'CN=x','sha256':'ab','pem':'x'},'action':'replace','outcome':'ok'}",
      "{'seq':1,'time':'2025-01-01T00:00:00.000Z','requestId':'r','certificate':'CN=x','action':'replace','outcome':'ok'}"})
  void decode_badCertificate_throwsIoException(String payload) {
    assertThatThrownBy(() -> AuditEntryCodec.decode(q(payload).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void encode_sameEntryTwice_givesIdenticalBytes() {
    assertThat(AuditEntryCodec.encode(9, full())).isEqualTo(AuditEntryCodec.encode(9, full()));
  }

  @Test
  void encode_countsInAnyInsertionOrder_givesIdenticalBytes() {
    Map<String, Long> forward = new LinkedHashMap<>();
    Map<String, Long> backward = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      forward.put("k" + i, (long) i);
      backward.put("k" + (19 - i), (long) (19 - i));
    }
    AuditEntry a = AuditEntries.registration(1);
    AuditEntry b = withCounts(a, forward);
    AuditEntry c = withCounts(a, backward);

    assertThat(AuditEntryCodec.encode(3, b)).isEqualTo(AuditEntryCodec.encode(3, c));
  }

  @Test
  void decode_fullEntry_roundTrips() throws IOException {
    AuditEntryCodec.Decoded d = AuditEntryCodec.decode(AuditEntryCodec.encode(42, full()));

    assertThat(d.sequence()).isEqualTo(42);
    assertThat(d.entry()).isEqualTo(full());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(AuditAction.class)
  void decode_everyAction_roundTripsByWireName(AuditAction action) throws IOException {
    AuditEntry entry = new AuditEntry(Instant.parse("2026-11-23T09:00:00.000Z"), "r", "fg-officer", "veiligheidshuis",
        List.of("privacy-officer"), action, AuditOutcome.OK, null, null, null, null, List.of(),
        Map.of("inclusionSequence", 3L, "inclusionTreeSize", 9L));

    byte[] bytes = AuditEntryCodec.encode(5, entry);

    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(q("'action':'" + action.wireName() + "'"));
    assertThat(AuditEntryCodec.decode(bytes).entry()).isEqualTo(entry);
  }

  @Test
  void auditReadActions_haveStableWireNames() {
    assertThat(AuditAction.AUDIT_CHECKPOINT.wireName()).isEqualTo("audit-checkpoint");
    assertThat(AuditAction.AUDIT_PROOF.wireName()).isEqualTo("audit-proof");
  }

  @Test
  void decode_minimalEntry_roundTripsWithEmptyCollections() throws IOException {
    AuditEntry entry = minimal(Instant.parse("2025-06-30T23:59:59.999Z"));

    AuditEntryCodec.Decoded d = AuditEntryCodec.decode(AuditEntryCodec.encode(0, entry));

    assertThat(d.entry()).isEqualTo(entry);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00.000Z",
        "1969-12-31T23:59:59.999Z",
        "0001-02-03T04:05:06.007Z",
        "9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00.000Z"
      })
  void encode_time_isIsoUtcWithMillisAndRoundTrips(String time) throws IOException {
    AuditEntry entry = minimal(Instant.parse(time));

    assertThat(json(1, entry)).contains("\"time\":\"" + time + "\"");
    assertThat(AuditEntryCodec.decode(AuditEntryCodec.encode(1, entry)).entry().time())
        .isEqualTo(Instant.parse(time));
  }

  @Test
  void encode_subMillisecondTime_isTruncatedToMillis() throws IOException {
    AuditEntry entry = minimal(Instant.parse("2025-01-01T10:00:00.123456789Z"));

    assertThat(json(1, entry)).contains("\"time\":\"2025-01-01T10:00:00.123Z\"");
  }

  @Test
  void encode_nonAsciiText_isUtf8WithEscapedSurrogatesAndRoundTrips() throws IOException {
    AuditEntry entry = AuditEntries.withCaseRef(minimal(Instant.EPOCH), "zaak ë 😀 \u0001 \\ /");

    byte[] bytes = AuditEntryCodec.encode(5, entry);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("zaak ë \\uD83D\\uDE00 \\u0001 \\\\ /");
    assertThat(AuditEntryCodec.decode(bytes).entry()).isEqualTo(entry);
  }

  @Test
  void encode_loneSurrogate_isEscapedAndRoundTrips() throws IOException {
    AuditEntry entry = AuditEntries.withCaseRef(minimal(Instant.EPOCH), "x\uD800y");

    byte[] bytes = AuditEntryCodec.encode(5, entry);

    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("x\\uD800y");
    assertThat(AuditEntryCodec.decode(bytes).entry()).isEqualTo(entry);
  }

  @Test
  void encoder_manyEntriesOnOneStream_writesEachCompletelyWithoutSeparators() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditEntryCodec.Encoder encoder = new AuditEntryCodec.Encoder(out);

    encoder.encode(0, AuditEntries.lookup(0));
    int first = out.size();
    encoder.encode(1, AuditEntries.lookup(1));

    byte[] all = out.toByteArray();
    assertThat(first).isEqualTo(AuditEntryCodec.encode(0, AuditEntries.lookup(0)).length);
    assertThat(AuditEntryCodec.decode(all, first, all.length - first).sequence()).isEqualTo(1);
    assertThat(AuditEntryCodec.decode(all, 0, first).entry()).isEqualTo(AuditEntries.lookup(0));
  }

  @Test
  void readSequence_encodedEntry_returnsSequence() throws IOException {
    byte[] bytes = AuditEntryCodec.encode(123_456_789_012L, full());

    assertThat(AuditEntryCodec.readSequence(bytes, 0, bytes.length)).isEqualTo(123_456_789_012L);
  }

  static Stream<String> invalidPayloads() {
    String valid =
        "{'seq':1,'time':'2025-01-01T00:00:00.000Z','requestId':'r','action':'lookup',"
            + "'outcome':'ok'}";
    return Stream.of(
            valid.replace("}", ",'bsn':'x'}"), // unknown field
            valid.replace("'seq':1,", "'seq':1,'seq':2,"), // duplicate field
            valid.replace("'requestId':'r',", ""), // missing required field
            valid.replace("'lookup'", "'peek'"), // unknown action
            valid.replace("'ok'", "'fine'"), // unknown outcome
            valid.replace("2025-01-01T00:00:00.000Z", "yesterday"),
            valid.replace("'seq':1", "'seq':-1"),
            valid.replace("'seq':1", "'seq':'1'"),
            valid.replace("}", ",'subjects':[{'pseudonyms':[],'permitted':true}]}"),
            valid.replace("}", ",'subjects':[{'pseudonyms':['a'],'permitted':'yes'}]}"),
            valid.replace("}", ",'counts':{'added':'many'}}"),
            valid + " {}", // trailing data
            valid.substring(0, valid.length() - 1), // cut off
            "[]")
        .map(AuditEntryCodecTest::q);
  }

  @ParameterizedTest
  @MethodSource("invalidPayloads")
  void decode_invalidPayload_throwsIoException(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AuditEntryCodec.decode(bytes)).isInstanceOf(IOException.class);
  }

  private static AuditEntry withCounts(AuditEntry e, Map<String, Long> counts) {
    return new AuditEntry(
        e.time(),
        e.requestId(),
        e.clientId(),
        e.agency(),
        e.roles(),
        e.action(),
        e.outcome(),
        e.problemType(),
        e.purpose(),
        e.caseRef(),
        e.requestedBy(),
        e.subjects(),
        counts);
  }

}
