package dev.sparktune.trial;

/**
 * What Spark spent on some work (one fold of one trial, or a sum of them), from the task metrics
 * of its jobs. Times in milliseconds, sizes in bytes. Plain numbers so the core can carry them
 * without Spark.
 *
 * @param runMs executor run time (wall time of the tasks, summed over tasks)
 * @param cpuMs executor CPU time
 * @param peakExecutionMemory the largest peak execution memory of any one task (a peak, so sums take the max)
 */
public record SparkCost(long jobs, long tasks, long runMs, long cpuMs, long gcMs, long shuffleReadBytes,
    long shuffleWriteBytes, long memorySpillBytes, long diskSpillBytes, long peakExecutionMemory) {

  public static final SparkCost ZERO = new SparkCost(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Both together: counts and times add, the peak is the larger one. */
  public SparkCost plus(SparkCost o) {
    return new SparkCost(jobs + o.jobs, tasks + o.tasks, runMs + o.runMs, cpuMs + o.cpuMs, gcMs + o.gcMs,
        shuffleReadBytes + o.shuffleReadBytes, shuffleWriteBytes + o.shuffleWriteBytes,
        memorySpillBytes + o.memorySpillBytes, diskSpillBytes + o.diskSpillBytes,
        Math.max(peakExecutionMemory, o.peakExecutionMemory));
  }

  public long shuffleBytes() {
    return shuffleReadBytes + shuffleWriteBytes;
  }

  public long spillBytes() {
    return memorySpillBytes + diskSpillBytes;
  }
}
