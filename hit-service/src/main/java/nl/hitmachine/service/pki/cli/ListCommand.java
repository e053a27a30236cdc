package nl.hitmachine.service.pki.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import nl.hitmachine.service.pki.CaState;
import nl.hitmachine.service.pki.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki list}: what the CA issued, with status. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the certificates the CA issued with their status (valid, expired, revoked).")
final class ListCommand extends PkiSubcommand {
  /** Output formats. */
  enum Format {
    text,
    json
  }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  int execute() {
    List<IssuedCertificate> issued = openCa().issued();
    Instant now = parent.clock.instant();
    if (format == Format.json) {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ArrayNode list = json.createArrayNode();
      for (IssuedCertificate c : issued) {
        ObjectNode n = CaState.toJson(c);
        n.put("status", c.status(now).name());
        list.add(n);
      }
      try {
        out().println(json.writeValueAsString(list));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else if (issued.isEmpty()) {
      out().println("no certificates issued yet");
    } else {
      out().printf("%-32s  %-6s  %-7s  %-20s  %s%n", "SERIAL", "KIND", "STATUS", "NOT AFTER", "SUBJECT");
      for (IssuedCertificate c : issued) {
        out().printf("%-32s  %-6s  %-7s  %-20s  %s%n", c.serial(), c.kind().label(), c.status(now).name(),
            c.notAfter(), c.subject());
      }
    }
    out().flush();
    return PkiCommand.OK;
  }
}
