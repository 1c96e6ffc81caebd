package dev.steadypod.warmup;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code steadypod.warmup.http.paths} lists at least one path (in any list
 * notation, which a plain property condition cannot see).
 */
class OnHttpWarmupPathsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<String> paths = Binder.get(context.getEnvironment())
			.bind("steadypod.warmup.http.paths", Bindable.listOf(String.class))
			.orElse(List.of());
		return paths.isEmpty() ? ConditionOutcome.noMatch("steadypod.warmup.http.paths is empty")
				: ConditionOutcome.match("steadypod.warmup.http.paths lists " + paths);
	}

}
