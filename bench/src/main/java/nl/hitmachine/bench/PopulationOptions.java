package nl.hitmachine.bench;

import picocli.CommandLine.Option;

/** The synthetic population a command registers or replaces: {@code --seed} and {@code --kid}. */
final class PopulationOptions {
  @Option(names = "--seed", defaultValue = "1", description = "population seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--kid", defaultValue = "demo1", description = "key id of the synthetic pseudonyms (default: ${DEFAULT-VALUE})")
  String kid;

  Population population() {
    return new Population(kid, seed);
  }
}
