package dev.steadypod.liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fails when the JVM has deadlocked threads (on monitors or on
 * {@code java.util.concurrent} locks): they never recover, only a restart does. The
 * details name each thread and the lock it waits for.
 */
public class DeadlockedThreadsCheck implements LivenessCheck {

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@Override
	public String name() {
		return "deadlockedThreads";
	}

	@Override
	public Result check() {
		long[] ids = this.threads.findDeadlockedThreads();
		if (ids == null || ids.length == 0) {
			return Result.healthy(Map.of());
		}
		List<String> described = new ArrayList<>();
		for (ThreadInfo info : this.threads.getThreadInfo(ids)) {
			if (info != null) {
				described.add("'" + info.getThreadName() + "' waits for " + info.getLockName() + " held by '"
						+ info.getLockOwnerName() + "'");
			}
		}
		return Result.failed(ids.length + " deadlocked threads", Map.of("threads", described));
	}

}
