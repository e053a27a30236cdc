package nl.hitmachine.service.pki.cli;

import java.util.List;
import nl.hitmachine.service.pki.ServerIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki issue-server}: a TLS server certificate for hit-service. */
@Command(
    name = "issue-server",
    mixinStandardHelpOptions = true,
    description = "Issues a TLS server certificate (extended key usage serverAuth, subject alternative"
        + " names from --dns and --ip) with a new P-256 key.")
final class IssueServerCommand extends IssueCommand {
  @Option(names = "--dns", required = true, arity = "1..*", paramLabel = "NAME",
      description = "Host names the server is reached by (the first is also the subject CN).")
  List<String> dns;

  @Option(names = "--ip", arity = "1..*", paramLabel = "ADDR", description = "IP addresses the server is reached by.")
  List<String> ip;

  @Override
  int execute() {
    ServerIdentity identity = new ServerIdentity(dns, ip == null ? List.of() : ip);
    return issue((ca, request) -> ca.issueServer(identity, output.days, request));
  }
}
