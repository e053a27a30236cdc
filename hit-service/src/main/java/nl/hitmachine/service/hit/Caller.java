package nl.hitmachine.service.hit;

import java.util.Objects;
import nl.hitmachine.service.auth.CertificateIdentity;
import nl.hitmachine.service.auth.Principal;

/**
 * Who makes a call, and under which request id.
 *
 * @param requestId the call's X-Request-Id
 * @param principal the authenticated client, or {@code null} when authentication failed
 * @param certificate the client certificate of the call's mutual TLS connection, or {@code null};
 *     present also when it mapped to no client (so that refusal is audited with it)
 */
public record Caller(String requestId, Principal principal, CertificateIdentity certificate) {
  public Caller {
    Objects.requireNonNull(requestId, "requestId");
  }

  /** A caller without a client certificate. */
  public Caller(String requestId, Principal principal) {
    this(requestId, principal, null);
  }
}
