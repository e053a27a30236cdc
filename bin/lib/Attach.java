import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM: {@code java bin/lib/Attach.java PID AGENT.so OPTIONS}.
 * Used by bin/profile to start and stop async-profiler; {@code jcmd PID JVMTI.agent_load} would do
 * the same but splits the agent's comma-separated options.
 */
public class Attach {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: java Attach.java PID AGENT_PATH OPTIONS");
      System.exit(2);
    }
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    try {
      vm.loadAgentPath(args[1], args[2]);
    } finally {
      vm.detach();
    }
  }
}
