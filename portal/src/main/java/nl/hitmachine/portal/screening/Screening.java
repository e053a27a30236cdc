package nl.hitmachine.portal.screening;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.hitmachine.connector.Agency;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.BsnLookup;
import nl.hitmachine.connector.BsnLookupResult;
import nl.hitmachine.connector.HouseholdAnswer;
import nl.hitmachine.connector.LookupContext;
import nl.hitmachine.connector.PersonAnswer;
import nl.hitmachine.portal.screening.ScreeningReport.HouseholdRow;
import nl.hitmachine.portal.screening.ScreeningReport.MemberRow;
import nl.hitmachine.portal.screening.ScreeningReport.Status;

/**
 * Screening by BSN: pseudonymised here by the SDK ({@link BsnLookup}, every active kid), only
 * pseudonyms sent, the answer mapped back to the list's rows. Blocking: call on a worker thread.
 */
public final class Screening {
  private final BsnLookup lookup;
  private final Clock clock;

  public Screening(BsnLookup lookup, Clock clock) {
    this.lookup = lookup;
    this.clock = clock;
  }

  /** Looks up one person typed in. */
  public ScreeningReport person(LookupContext context, Bsn bsn) throws IOException {
    BsnLookupResult answer = lookup.persons(context, List.of(bsn));
    PersonAnswer p = answer.persons().get(0);
    return new ScreeningReport(context.purpose(), context.caseRef(), context.requestedBy(), clock.instant(),
        answer.lookupIds(), List.of(), List.of(member(0, p)), List.of());
  }

  /** Looks up the valid households of an uploaded list; its invalid rows are reported as skipped. */
  public ScreeningReport households(LookupContext context, ScreeningList list) throws IOException {
    BsnLookupResult answer = lookup.households(context, list.households());
    List<HouseholdRow> rows = new ArrayList<>(answer.households().size());
    for (int i = 0; i < answer.households().size(); i++) {
      HouseholdAnswer h = answer.households().get(i);
      List<Integer> memberRows = list.memberRows().get(i);
      List<MemberRow> members = new ArrayList<>(h.members().size());
      for (int j = 0; j < h.members().size(); j++) {
        members.add(member(memberRows.get(j), h.members().get(j)));
      }
      rows.add(new HouseholdRow(h.ref(), h.signal(), h.domains(), names(h.agencies()), members));
    }
    return new ScreeningReport(context.purpose(), context.caseRef(), context.requestedBy(), clock.instant(),
        answer.lookupIds(), rows, List.of(), list.problems());
  }

  private static MemberRow member(int row, PersonAnswer p) {
    Status status = !p.permitted() ? Status.NO_ANSWER : p.known() ? Status.KNOWN : Status.NOT_KNOWN;
    return new MemberRow(row, MaskedBsn.of(p.bsn().digits()), status, names(p.agencies()));
  }

  private static List<String> names(List<Agency> agencies) {
    return agencies.stream().map(a -> a.name() != null ? a.name() : a.code()).toList();
  }
}
