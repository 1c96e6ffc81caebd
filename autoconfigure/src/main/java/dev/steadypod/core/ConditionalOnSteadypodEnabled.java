package dev.steadypod.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code steadypod.enabled=false}: the master switch that every Steadypod
 * auto-configuration carries beside its own feature switch.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = "steadypod.enabled", matchIfMissing = true)
public @interface ConditionalOnSteadypodEnabled {

}
