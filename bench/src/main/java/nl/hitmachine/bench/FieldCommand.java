package nl.hitmachine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code field FILE a.b.c}: prints one value of a JSON report (for scripts such as bin/bench-suite). */
@Command(name = "field", mixinStandardHelpOptions = true,
    description = "Prints the value at a dotted path of a JSON file (e.g. summary.achievedRate.median); exit 1 when absent.")
final class FieldCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "the JSON file")
  Path file;

  @Parameters(index = "1", description = "dotted path")
  String path;

  @Override
  public Integer call() throws Exception {
    JsonNode node = new ObjectMapper().readTree(file.toFile());
    for (String part : path.split("\\.")) {
      node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
    }
    if (node.isMissingNode() || node.isNull()) {
      spec.commandLine().getErr().println("no " + path + " in " + file);
      return 1;
    }
    spec.commandLine().getOut().println(node.isValueNode() ? node.asText() : node.toString());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
