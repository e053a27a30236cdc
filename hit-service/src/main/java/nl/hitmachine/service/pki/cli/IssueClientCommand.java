package nl.hitmachine.service.pki.cli;

import java.util.Optional;
import nl.hitmachine.service.pki.ClientIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki issue-client}: a client certificate for one agency system. */
@Command(
    name = "issue-client",
    mixinStandardHelpOptions = true,
    description = "Issues a client certificate for one agency system (extended key usage clientAuth;"
        + " subject CN=<client id>, O=<agency>, organizationIdentifier=NTRNL-<OIN> when given).")
final class IssueClientCommand extends IssueCommand {
  @Option(names = "--client-id", required = true, paramLabel = "ID",
      description = "The client id as configured in hit-service ([a-z0-9-]{1,32}).")
  String clientId;

  @Option(names = "--agency", required = true, paramLabel = "CODE",
      description = "The agency code as configured in hit-service ([a-z0-9-]{1,32}).")
  String agency;

  @Option(names = "--organisation-identifier", paramLabel = "NTRNL-OIN",
      description = "The organisation's OIN as NTRNL- followed by 20 digits (subject organizationIdentifier).")
  String organisationIdentifier;

  @Override
  int execute() {
    ClientIdentity identity = new ClientIdentity(clientId, agency, Optional.ofNullable(organisationIdentifier));
    return issue((ca, request) -> ca.issueClient(identity, output.days, request));
  }
}
