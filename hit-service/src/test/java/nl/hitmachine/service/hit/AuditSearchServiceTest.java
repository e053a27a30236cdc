package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntries;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.crypto.PseudonymKeyer;
import nl.hitmachine.service.crypto.ServerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search's bounded work per page, on a real audit log. */
class AuditSearchServiceTest {
  @TempDir Path dir;

  private static ServerKey key(int b) {
    byte[] k = new byte[ServerKey.LENGTH];
    java.util.Arrays.fill(k, (byte) b);
    return ServerKey.of(k);
  }

  @Test
  void search_whenTheScanBudgetRunsOut_endsThePageEarlyWithACursor_andPagingStillFindsEveryMatch() {
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("audit"))) {
      List<CompletableFuture<?>> appends = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        // Only every tenth entry is a lookup with caseRef "rare".
        appends.add(log.append(i % 10 == 9 ? AuditEntries.withCaseRef(AuditEntries.lookup(i), "rare")
            : AuditEntries.registration(i)));
      }
      CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
      Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
      AuditSearchService service = new AuditSearchService(new AuditTrail(log, clock), log,
          new PseudonymKeyer(key(1), key(2)), new PseudonymFormat(Set.of()), dir.resolve("latest.note"), clock, 7);
      Caller officer = new Caller("req-1", principal());

      List<Long> found = new ArrayList<>();
      List<Long> pageSizes = new ArrayList<>();
      String after = null;
      int pages = 0;
      do {
        Map<String, List<String>> params = after == null ? Map.of("caseRef", List.of("rare"))
            : Map.of("caseRef", List.of("rare"), "after", List.of(after));
        AuditPage page = service.search(officer, params).join();
        assertThat(page.scanned()).isLessThanOrEqualTo(7);
        page.entries().stream().map(StoredAuditEntry::sequence).forEach(found::add);
        pageSizes.add((long) page.entries().size());
        after = page.next() == null ? null : Long.toString(page.next());
        pages++;
      } while (after != null && pages < 100);

      assertThat(found).containsExactly(9L, 19L, 29L, 39L, 49L);
      assertThat(pageSizes).contains(0L); // some pages found nothing within their budget, yet had a cursor
      assertThat(pages).isGreaterThanOrEqualTo(50 / 7);
      // Each page was audited; none of those entries (after the first 50) matched caseRef "rare".
      try (var all = log.read(50)) {
        List<AuditEntry> reads = all.map(StoredAuditEntry::entry).toList();
        assertThat(reads).hasSize(pages).allMatch(e -> e.action() == AuditAction.AUDIT_SEARCH);
      }
    }
  }

  private static Principal principal() {
    return new Principal("fg-officer", "veiligheidshuis", Set.of(Role.PRIVACY_OFFICER), Set.of());
  }
}
