package nl.hitmachine.portal.web;

import java.util.Objects;
import nl.hitmachine.portal.review.PrivacyReview;
import nl.hitmachine.portal.screening.Screening;
import nl.hitmachine.portal.users.LocalUsers;
import nl.hitmachine.portal.users.OneTimeSignIn;

/**
 * What the pages use.
 *
 * @param users the local user list
 * @param oneTimeSignIn single-use sign-in links (demo, loopback only), or null
 * @param screening screening with the partner's querier credentials, or null when not configured
 * @param review privacy review with the privacy-officer credentials, or null when not configured
 */
public record PortalServices(LocalUsers users, OneTimeSignIn oneTimeSignIn, Screening screening, PrivacyReview review) {
  public PortalServices {
    Objects.requireNonNull(users, "users");
  }
}
