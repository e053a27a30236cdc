package nl.hitmachine.service.config;

/**
 * Thread pools. The event loop never blocks; index reads and keying run on the worker pool.
 *
 * @param eventLoops Vert.x event-loop threads (default: number of cores)
 * @param indexWorkers size of the "hit-index" worker pool (default 8)
 */
public record WorkersConfig(Integer eventLoops, Integer indexWorkers) {
  public WorkersConfig {
    eventLoops = eventLoops == null ? Runtime.getRuntime().availableProcessors() : eventLoops;
    indexWorkers = indexWorkers == null ? 8 : indexWorkers;
  }
}
