package nl.hitmachine.service.auth;

import java.util.Optional;

/** Turns presented credentials into a principal. The one seam for every way of authenticating. */
public interface Authenticator {
  /** The principal these credentials prove, or empty when they prove none. Never throws for bad input. */
  Optional<Principal> authenticate(Credentials credentials);
}
