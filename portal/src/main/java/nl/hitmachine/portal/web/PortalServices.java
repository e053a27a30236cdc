package nl.hitmachine.portal.web;

import java.util.Objects;
import nl.hitmachine.portal.review.PrivacyReview;
import nl.hitmachine.portal.screening.Screening;
import nl.hitmachine.portal.users.LocalUsers;
import nl.hitmachine.portal.users.OidcProvider;
import nl.hitmachine.portal.users.OneTimeSignIn;

/**
 * What the pages use.
 *
 * @param users the local user list, or null when people sign in through OIDC only
 * @param oneTimeSignIn single-use sign-in links (demo, loopback only), or null
 * @param screening screening with the partner's querier credentials, or null when not configured
 * @param review privacy review with the privacy-officer credentials, or null when not configured
 * @param oidc sign-in through the partner's OpenID provider, or null
 */
public record PortalServices(
    LocalUsers users, OneTimeSignIn oneTimeSignIn, Screening screening, PrivacyReview review, OidcProvider oidc) {
  public PortalServices {
    if (users == null && oidc == null) {
      throw new IllegalArgumentException("the portal needs a local user list or an OpenID provider to sign people in");
    }
  }

  /** Local users only. */
  public PortalServices(LocalUsers users, OneTimeSignIn oneTimeSignIn, Screening screening, PrivacyReview review) {
    this(Objects.requireNonNull(users, "users"), oneTimeSignIn, screening, review, null);
  }
}
