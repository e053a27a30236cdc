package nl.hitmachine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a result was measured on: CPU model, cores, RAM, kernel, JDK, PostgreSQL. */
record Machine(String cpu, int cores, double memoryGiB, String kernel, String jdk, String postgresql) {

  static Machine describe(String postgresql) {
    String cpu = procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    double memKiB = procField("/proc/meminfo", "MemTotal").map(v -> Double.parseDouble(v.replaceAll("[^0-9]", ""))).orElse(0.0);
    return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memKiB / 1024 / 1024,
        System.getProperty("os.version"), System.getProperty("java.vendor") + " " + Runtime.version(), postgresql);
  }

  private static java.util.Optional<String> procField(String file, String name) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream().filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip());
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
