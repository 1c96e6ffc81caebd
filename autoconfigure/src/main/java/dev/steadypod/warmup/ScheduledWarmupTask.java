/*
 * Copyright 2026-present the Steadypod authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.steadypod.warmup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A warm-up task with the name and order it runs under.
 *
 * @param name the task's own name, or else its bean name
 * @param order its stage: tasks of the same order run in parallel
 * @param task the task
 */
record ScheduledWarmupTask(String name, int order, WarmupTask task) {

	/**
	 * Collects the context's tasks, sorted by order.
	 * @param beanFactory the bean factory holding the task beans
	 * @return the tasks in stage order
	 */
	static List<ScheduledWarmupTask> collect(ListableBeanFactory beanFactory) {
		List<ScheduledWarmupTask> tasks = new ArrayList<>();
		beanFactory.getBeansOfType(WarmupTask.class).forEach((beanName, task) -> {
			String name = task.name();
			tasks.add(new ScheduledWarmupTask((name != null) ? name : beanName, order(beanFactory, beanName, task),
					task));
		});
		tasks.sort(Comparator.comparingInt(ScheduledWarmupTask::order));
		return tasks;
	}

	private static int order(ListableBeanFactory beanFactory, String beanName, WarmupTask task) {
		if (task instanceof Ordered ordered) {
			return ordered.getOrder();
		}
		// Looks at the bean's class and at its @Bean method.
		Order order = beanFactory.findAnnotationOnBean(beanName, Order.class);
		return (order != null) ? order.value() : Ordered.LOWEST_PRECEDENCE;
	}

}
