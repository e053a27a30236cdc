package nl.hitmachine.service.api.http;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.hitmachine.service.audit.AuditReceipt;
import nl.hitmachine.service.BenchFixtures;
import nl.hitmachine.service.hit.DisclosedAgency;
import nl.hitmachine.service.hit.HouseholdResult;
import nl.hitmachine.service.hit.LookupAnswer;
import nl.hitmachine.service.hit.LookupRequest;
import nl.hitmachine.service.hit.SubjectQuery;
import nl.hitmachine.service.hit.SubjectResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON at the HTTP edge of a lookup: parsing the request body ({@link LookupRequestParser}, with
 * its UTF-8 check and strict field rules) and rendering the answer ({@link LookupJson}), for one
 * subject and for a screening list of 145 households of 4. Run: {@code bin/jmh LookupJson}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class LookupJsonBenchmark {
  private static final DisclosedAgency WIJKTEAM = new DisclosedAgency("wijkteam", "Wijkteam Nijmegen", "zorg", null);
  private static final DisclosedAgency POLITIE = new DisclosedAgency("politie", "Politie Oost-Nederland", "veiligheid", null);

  private Buffer singleBody;
  private Buffer screeningBody;
  private LookupAnswer singleAnswer;
  private LookupAnswer screeningAnswer;

  @Setup
  public void setUp() {
    String subject = BenchFixtures.pseudonym(1);
    singleBody = Buffer.buffer("{\"purpose\":\"screening\",\"caseRef\":\"CASE-2026-0042\",\"requestedBy\":\"j.jansen\","
        + "\"subjects\":[\"" + subject + "\"]}");
    AuditReceipt receipt = new AuditReceipt(42, "ab".repeat(32), 43);
    singleAnswer = new LookupAnswer("L000000000042", receipt,
        List.of(new SubjectResult(SubjectQuery.single(subject), true, true, List.of(WIJKTEAM))), List.of());

    StringBuilder body = new StringBuilder("{\"purpose\":\"screening\",\"caseRef\":\"TOP150\",\"requestedBy\":\"j.jansen\",\"households\":[");
    List<HouseholdResult> households = new ArrayList<>();
    int n = 0;
    for (int h = 0; h < 145; h++) {
      body.append(h == 0 ? "" : ",").append("{\"ref\":\"H").append(h).append("\",\"members\":[");
      List<SubjectResult> members = new ArrayList<>();
      for (int m = 0; m < 4; m++) {
        String member = BenchFixtures.pseudonym(++n);
        body.append(m == 0 ? "" : ",").append('"').append(member).append('"');
        List<DisclosedAgency> known = m == 0 ? List.of(WIJKTEAM, POLITIE) : m == 1 ? List.of(WIJKTEAM) : List.of();
        members.add(new SubjectResult(SubjectQuery.single(member), !known.isEmpty(), true, known));
      }
      body.append("]}");
      households.add(new HouseholdResult("H" + h, members, List.of(WIJKTEAM, POLITIE), List.of("zorg", "veiligheid"), true));
    }
    screeningBody = Buffer.buffer(body.append("]}").toString());
    screeningAnswer = new LookupAnswer("L000000000043", receipt, List.of(), households);
  }

  @Benchmark
  public LookupRequest parseSingle() {
    return LookupRequestParser.parse(singleBody);
  }

  @Benchmark
  public Buffer renderSingle() {
    return LookupJson.render(singleAnswer);
  }

  @Benchmark
  public LookupRequest parseScreeningList() {
    return LookupRequestParser.parse(screeningBody);
  }

  @Benchmark
  public Buffer renderScreeningList() {
    return LookupJson.render(screeningAnswer);
  }
}
