package nl.hitmachine.connector.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import nl.hitmachine.connector.PseudonymKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hitconnect keygen}: a new federation pseudonymisation key file. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a new 32-byte federation pseudonymisation key and writes it to a new file with"
          + " permissions 600. Never overwrites a file.",
      "Every connector of the federation needs the same key; hand it over securely. hit-service"
          + " never gets it."
    })
final class KeygenCommand implements Callable<Integer> {
  @ParentCommand HitConnect root;

  @Spec CommandSpec spec;

  @Option(names = "--kid", required = true, paramLabel = "KID", description = "Key id: 1 to 16 lower-case letters or digits.")
  String kid;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The key file to create, e.g. keys/<kid>.key.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!PseudonymKey.isValidKid(kid)) {
      throw new ParameterException(spec.commandLine(), "--kid must be 1 to 16 lower-case letters or digits ([a-z0-9]{1,16})");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent)) {
      Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    PseudonymKey key = PseudonymKey.generate(kid, root.clock());
    key.write(out);
    PrintWriter w = spec.commandLine().getOut();
    w.println("Wrote pseudonym key " + key.kid() + " (created " + key.created() + ") to " + out + " with permissions 600.");
    w.println("Give the same key file to every connector of the federation over a secure channel; never to hit-service.");
    return HitConnect.OK;
  }
}
