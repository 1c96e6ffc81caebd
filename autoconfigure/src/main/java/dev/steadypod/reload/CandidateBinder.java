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

package dev.steadypod.reload;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyCaching;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.origin.Origin;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Binds every {@code @ConfigurationProperties} bean of the context against a candidate
 * set of property sources, the way Spring Boot binds them at start-up (same conversion,
 * same ignore-invalid/unknown-fields rules, JSR-303 validation for {@code @Validated}
 * classes), into fresh instances so that the live beans are untouched. The fresh
 * instances are the validated state that the apply copies into the live beans.
 */
class CandidateBinder {

	private static final String JSR303_VALIDATOR_CLASS = "jakarta.validation.Validator";

	private final ConfigurableApplicationContext context;

	private volatile Validator jsr303Validator;

	private volatile List<ConfigurationPropertiesBean> beans;

	CandidateBinder(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Binds every bean whose prefix is accepted against the candidate.
	 * @param candidateSources the candidate Environment's property sources
	 * @param prefixFilter which beans, by their {@code @ConfigurationProperties} prefix,
	 * to bind
	 * @return the problems (empty when valid) and the freshly bound instances by bean
	 * name
	 */
	Result bindAll(MutablePropertySources candidateSources, Predicate<String> prefixFilter) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(candidateSources);
		// Each bean's bind walks every source; without the cache Boot's live binder has,
		// that dominates the reload time.
		ConfigurationPropertyCaching.get(sources).enable();
		Binder binder = new Binder(sources, new PropertySourcesPlaceholdersResolver(candidateSources),
				conversionServices(), this.context.getBeanFactory()::copyRegisteredEditorsTo, null, null);
		List<Problem> problems = new ArrayList<>();
		Map<String, BoundBean> bound = new LinkedHashMap<>();
		Set<String> seen = new LinkedHashSet<>();
		for (ConfigurationPropertiesBean bean : beans()) {
			Object instance = bean.getInstance();
			Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(instance));
			String prefix = bean.getAnnotation().prefix();
			if (!prefixFilter.test(prefix)) {
				continue;
			}
			if (!seen.add(type.getName() + "@" + prefix + "@" + System.identityHashCode(instance))) {
				continue;
			}
			try {
				Object fresh = bindFresh(binder, bean, type);
				if (fresh != null) {
					bound.put(bean.getName(),
							new BoundBean(bean.getName(), prefix, instance, fresh, isOwnPropertiesClass(type)));
				}
			}
			catch (BindException ex) {
				problems.addAll(describe(ex));
			}
			catch (RuntimeException ex) {
				problems.add(new Problem(prefix, null, ex.getMessage()));
			}
		}
		return new Result(problems, bound);
	}

	/**
	 * Looking the beans up scans every bean definition, so it is done once: the set of
	 * {@code @ConfigurationProperties} beans does not change after start-up, and only
	 * their type, prefix and annotations are used here (each bind starts from a fresh
	 * instance).
	 */
	private List<ConfigurationPropertiesBean> beans() {
		List<ConfigurationPropertiesBean> all = this.beans;
		if (all == null) {
			all = List.copyOf(ConfigurationPropertiesBean.getAll(this.context).values());
			this.beans = all;
		}
		return all;
	}

	private Object bindFresh(Binder binder, ConfigurationPropertiesBean bean, Class<?> type) {
		Bindable<?> target = bean.asBindTarget();
		ConfigurationProperties annotation = bean.getAnnotation();
		BindHandler handler = bindHandler(annotation, type, bean.getInstance());
		if (target.getBindMethod() == BindMethod.VALUE_OBJECT) {
			// Immutable: validated here, re-created by the refresh scope if it lives
			// there.
			binder.bindOrCreate(annotation.prefix(),
					Bindable.of(target.getType())
						.withAnnotations(target.getAnnotations())
						.withBindMethod(BindMethod.VALUE_OBJECT),
					handler);
			return null;
		}
		if (!hasNoArgConstructor(type)) {
			return null;
		}
		Object fresh = BeanUtils.instantiateClass(type);
		@SuppressWarnings({ "unchecked", "rawtypes" })
		Bindable<Object> bindable = ((Bindable) Bindable.of(type)).withExistingValue(fresh)
			.withAnnotations(target.getAnnotations())
			.withBindMethod(BindMethod.JAVA_BEAN);
		binder.bind(annotation.prefix(), bindable, handler);
		return fresh;
	}

	private BindHandler bindHandler(ConfigurationProperties annotation, Class<?> type, Object instance) {
		BindHandler handler = new AbstractBindHandler() {
		};
		if (annotation.ignoreInvalidFields()) {
			handler = new IgnoreErrorsBindHandler(handler);
		}
		if (!annotation.ignoreUnknownFields()) {
			handler = new NoUnboundElementsBindHandler(handler, new UnboundElementsSourceFilter());
		}
		List<Validator> validators = new ArrayList<>();
		if (this.context.containsBean("configurationPropertiesValidator")) {
			validators.add(this.context.getBean("configurationPropertiesValidator", Validator.class));
		}
		if (MergedAnnotations.from(type).isPresent(Validated.class) && isJsr303Present()) {
			validators.add(jsr303Validator());
		}
		if (instance instanceof Validator validator) {
			validators.add(new SelfValidator(validator));
		}
		if (!validators.isEmpty()) {
			handler = new ValidationBindHandler(handler, validators.toArray(Validator[]::new));
		}
		return handler;
	}

	private List<ConversionService> conversionServices() {
		List<ConversionService> services = new ArrayList<>();
		ConversionService beanFactoryService = this.context.getBeanFactory().getConversionService();
		if (beanFactoryService != null) {
			services.add(beanFactoryService);
		}
		services.add(ApplicationConversionService.getSharedInstance());
		return services;
	}

	private boolean isJsr303Present() {
		return ClassUtils.isPresent(JSR303_VALIDATOR_CLASS, getClass().getClassLoader());
	}

	private Validator jsr303Validator() {
		Validator validator = this.jsr303Validator;
		if (validator == null) {
			validator = Jsr303.create();
			this.jsr303Validator = validator;
		}
		return validator;
	}

	private static boolean isOwnPropertiesClass(Class<?> type) {
		return MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.isPresent(ConfigurationProperties.class);
	}

	private static boolean hasNoArgConstructor(Class<?> type) {
		try {
			type.getDeclaredConstructor();
			return !Modifier.isAbstract(type.getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private static List<Problem> describe(BindException ex) {
		List<Problem> problems = new ArrayList<>();
		Throwable cause = ex.getCause();
		if (cause instanceof BindValidationException validation) {
			ConfigurationPropertyName name = validation.getValidationErrors().getName();
			for (ObjectError error : validation.getValidationErrors()) {
				String property = (error instanceof FieldError fieldError) ? name + "." + fieldError.getField()
						: name.toString();
				ConfigurationProperty bound = findBound(validation, property);
				problems.add(new Problem(property, origin(error, bound), error.getDefaultMessage()));
			}
			return problems;
		}
		ConfigurationProperty property = ex.getProperty();
		String name = (property != null) ? property.getName().toString() : ex.getName().toString();
		String origin = (property != null && property.getOrigin() != null) ? property.getOrigin().toString() : null;
		String reason = (cause != null) ? rootMessage(cause) : ex.getMessage();
		problems.add(new Problem(name, origin, reason));
		return problems;
	}

	private static ConfigurationProperty findBound(BindValidationException validation, String property) {
		for (ConfigurationProperty bound : validation.getValidationErrors().getBoundProperties()) {
			if (bound.getName().toString().equals(property)) {
				return bound;
			}
		}
		return null;
	}

	private static String origin(ObjectError error, ConfigurationProperty bound) {
		Origin origin = Origin.from(error);
		if (origin == null && bound != null) {
			origin = bound.getOrigin();
		}
		return (origin != null) ? origin.toString() : null;
	}

	private static String rootMessage(Throwable cause) {
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (current instanceof org.springframework.core.convert.ConversionFailedException conversion) {
				return "cannot be converted to " + conversion.getTargetType().getType().getSimpleName();
			}
			if (current == current.getCause()) {
				break;
			}
		}
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = cause.getMessage();
		if (root != cause && root.getMessage() != null) {
			message = root.getMessage();
		}
		return (message != null) ? maskValues(message) : cause.getClass().getSimpleName();
	}

	/** Conversion messages quote the offending value; logs must never show values. */
	static String maskValues(String message) {
		return message.replaceAll("'[^']*'", "'******'")
			.replaceAll("\"[^\"]*\"", "\"******\"")
			.replaceAll("\\[[^\\]]*\\]", "[******]");
	}

	/**
	 * One reason a candidate cannot be bound.
	 *
	 * @param property the property name
	 * @param origin where the value came from (file, line, column), or {@code null}
	 * @param reason why it is invalid, without the value
	 */
	record Problem(String property, String origin, String reason) {

		@Override
		public String toString() {
			return "property '" + this.property + "'" + ((this.origin != null) ? " (" + this.origin + ")" : "") + ": "
					+ this.reason + ", value ******";
		}

	}

	/**
	 * A live bean and the freshly bound instance that holds its validated new state.
	 */
	record BoundBean(String name, String prefix, Object live, Object fresh, boolean ownPropertiesClass) {

		/**
		 * Copies the bound state of {@code from} into {@code to}: the fields backing bean
		 * properties.
		 */
		static void copyState(Object from, Object to) {
			Class<?> type = ClassUtils.getUserClass(from.getClass());
			for (Field field : propertyFields(type)) {
				ReflectionUtils.makeAccessible(field);
				ReflectionUtils.setField(field, to, ReflectionUtils.getField(field, from));
			}
		}

		/** A copy of the live bean's current bound state, for rollback. */
		Object snapshotLive() {
			Object copy = BeanUtils.instantiateClass(ClassUtils.getUserClass(this.fresh.getClass()));
			copyState(liveTarget(), copy);
			return copy;
		}

		Object liveTarget() {
			return this.live;
		}

		private static List<Field> propertyFields(Class<?> type) {
			Set<String> properties = new LinkedHashSet<>();
			for (var descriptor : BeanUtils.getPropertyDescriptors(type)) {
				properties.add(descriptor.getName());
			}
			List<Field> fields = new ArrayList<>();
			ReflectionUtils.doWithFields(type, fields::add, (field) -> !Modifier.isStatic(field.getModifiers())
					&& !field.isSynthetic() && properties.contains(field.getName()));
			return fields;
		}

	}

	/**
	 * The outcome of binding a candidate.
	 */
	record Result(List<Problem> problems, Map<String, BoundBean> bound) {

	}

	/**
	 * Lets a properties class that implements {@link Validator} validate itself, as Boot
	 * does.
	 */
	private record SelfValidator(Validator delegate) implements Validator {

		@Override
		public boolean supports(Class<?> clazz) {
			return this.delegate.supports(clazz);
		}

		@Override
		public void validate(Object target, Errors errors) {
			this.delegate.validate(target, errors);
		}

	}

	/**
	 * Kept apart so that the class loads without Hibernate Validator on the class path.
	 */
	private static final class Jsr303 {

		static Validator create() {
			org.springframework.validation.beanvalidation.LocalValidatorFactoryBean factory = new org.springframework.validation.beanvalidation.LocalValidatorFactoryBean();
			factory.setMessageInterpolator(
					new org.springframework.boot.validation.MessageInterpolatorFactory().getObject());
			factory.afterPropertiesSet();
			return factory;
		}

	}

}
