package nl.hitmachine.service.hit;

import java.util.List;

/** A household in a lookup: the coordinator's reference and its members. */
public record HouseholdQuery(Object ref, List<SubjectQuery> members) {
  public HouseholdQuery {
    members = List.copyOf(members);
  }
}
