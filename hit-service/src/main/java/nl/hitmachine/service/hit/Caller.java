package nl.hitmachine.service.hit;

import java.util.Objects;
import nl.hitmachine.service.auth.Principal;

/**
 * Who makes a call, and under which request id.
 *
 * @param requestId the call's X-Request-Id
 * @param principal the authenticated client, or {@code null} when authentication failed
 */
public record Caller(String requestId, Principal principal) {
  public Caller {
    Objects.requireNonNull(requestId, "requestId");
  }
}
