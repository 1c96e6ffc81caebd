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

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyCaching;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.logging.LogLevel;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Validates a candidate the way start-up binds it: every {@code @ConfigurationProperties}
 * bean a changed key reaches (JavaBeans, records and other constructor-bound classes,
 * {@code @Bean} factory-method beans) is bound into a fresh instance with Boot's
 * conversion and JSR-303 validation; every changed key is bound to its declared type from
 * the configuration metadata on the class path; {@code logging.level.*} is bound to
 * {@link LogLevel}. The live beans are never touched.
 */
class CandidateBinder {

	private static final Log logger = LogFactory.getLog(CandidateBinder.class);

	private static final String JSR303_VALIDATOR_CLASS = "jakarta.validation.Validator";

	private static final ConfigurationPropertyName LOGGING_LEVEL = ConfigurationPropertyName.of("logging.level");

	private final ConfigurableApplicationContext context;

	private volatile @Nullable Validator jsr303Validator;

	private volatile @Nullable List<PropertiesBean> beans;

	private volatile @Nullable PropertyMetadata metadata;

	private volatile @Nullable List<ConversionService> conversionServices;

	CandidateBinder(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Validates the candidate.
	 * @param candidateSources the candidate Environment's property sources
	 * @param changedKeys the keys whose effective value changes
	 * @param presentKeys the changed keys that still have a value in the candidate
	 * @return problems (empty when valid), the freshly bound beans and the unknown keys
	 */
	Validation validate(MutablePropertySources candidateSources, List<String> changedKeys, List<String> presentKeys) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(candidateSources);
		// Each bean's bind walks every source; without the cache Boot's live binder has,
		// that dominates the reload time.
		ConfigurationPropertyCaching.get(sources).enable();
		Binder binder = binder(sources, candidateSources);
		Map<String, Problem> problems = new LinkedHashMap<>();
		List<ConfigurationPropertyName> changed = KeyNames.of(changedKeys);
		List<BoundBean> bound = new ArrayList<>();
		for (PropertiesBean bean : beans()) {
			if (!bean.reaches(changed)) {
				continue;
			}
			try {
				bound.add(new BoundBean(bean, bindFresh(binder, bean)));
			}
			catch (BindException ex) {
				Problems.describe(ex).forEach((problem) -> problems.putIfAbsent(problem.property(), problem));
			}
			catch (RuntimeException ex) {
				problems.putIfAbsent(bean.prefix(), new Problem(bean.prefix(), null, Problems.reason(ex)));
			}
		}
		List<String> unknown = new ArrayList<>();
		for (String key : presentKeys) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (LOGGING_LEVEL.isAncestorOf(name)) {
				bindDeclared(binder, LOGGING_LEVEL, Bindable.mapOf(String.class, LogLevel.class), problems);
				continue;
			}
			PropertyMetadata.Entry declared = metadata().find(name).orElse(null);
			if (declared != null) {
				metadata().type(declared)
					.ifPresent((type) -> bindDeclared(binder, ConfigurationPropertyName.of(declared.name()),
							Bindable.of(type), problems));
			}
			else if (beans().stream().noneMatch((bean) -> bean.binds(name))) {
				unknown.add(key);
			}
		}
		return new Validation(List.copyOf(problems.values()), bound, unknown);
	}

	/** Whether the configuration metadata declares {@code key}. */
	boolean isDeclared(String key) {
		return metadata().find(ConfigurationPropertyName.adapt(key, '.')).isPresent();
	}

	private void bindDeclared(Binder binder, ConfigurationPropertyName name, Bindable<?> target,
			Map<String, Problem> problems) {
		try {
			binder.bind(name, target);
		}
		catch (BindException ex) {
			Problems.describe(ex).forEach((problem) -> problems.putIfAbsent(problem.property(), problem));
		}
	}

	/**
	 * The {@code @ConfigurationProperties} beans. Looking them up scans every bean
	 * definition, so it is done once: the set does not change after start-up, and only
	 * their type, prefix and definition are used here.
	 */
	List<PropertiesBean> beans() {
		List<PropertiesBean> all = this.beans;
		if (all == null) {
			all = new ArrayList<>();
			for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(this.context).values()) {
				all.add(PropertiesBean.of(this.context, bean));
			}
			all = List.copyOf(all);
			this.beans = all;
		}
		return all;
	}

	private PropertyMetadata metadata() {
		PropertyMetadata loaded = this.metadata;
		if (loaded == null) {
			loaded = PropertyMetadata.load(this.context.getClassLoader());
			this.metadata = loaded;
		}
		return loaded;
	}

	private @Nullable Object bindFresh(Binder binder, PropertiesBean bean) {
		ConfigurationPropertiesBean source = bean.source();
		Bindable<?> target = source.asBindTarget();
		BindHandler handler = bindHandler(bean, source.getInstance());
		if (bean.bindMethod() == BindMethod.VALUE_OBJECT) {
			return binder.bindOrCreate(bean.prefix(),
					Bindable.of(target.getType())
						.withAnnotations(target.getAnnotations())
						.withBindMethod(BindMethod.VALUE_OBJECT),
					handler);
		}
		Object fresh = newInstance(bean);
		if (fresh == null) {
			logger.debug("Cannot create a scratch instance of " + bean.name() + " to validate it");
			return null;
		}
		@SuppressWarnings({ "unchecked", "rawtypes" })
		Bindable<Object> bindable = ((Bindable) Bindable.of(ResolvableType.forClass(bean.type())))
			.withExistingValue(fresh)
			.withAnnotations(target.getAnnotations())
			.withBindMethod(BindMethod.JAVA_BEAN);
		binder.bind(bean.prefix(), bindable, handler);
		return fresh;
	}

	private Binder binder(Iterable<ConfigurationPropertySource> sources, MutablePropertySources propertySources) {
		return new Binder(sources, new PropertySourcesPlaceholdersResolver(propertySources), conversionServices(),
				this.context.getBeanFactory()::copyRegisteredEditorsTo, null, null);
	}

	/**
	 * A fresh, unbound instance: the no-argument constructor, else the bean's own
	 * definition (its {@code @Bean} factory method) in a scratch factory that has none of
	 * the context's post-processors, so nothing is bound or proxied.
	 */
	private @Nullable Object newInstance(PropertiesBean bean) {
		if (hasNoArgConstructor(bean.type())) {
			return BeanUtils.instantiateClass(bean.type());
		}
		DefaultListableBeanFactory live = (DefaultListableBeanFactory) this.context.getBeanFactory();
		if (!live.containsBeanDefinition(bean.name())) {
			return null;
		}
		DefaultListableBeanFactory scratch = new DefaultListableBeanFactory(live);
		RootBeanDefinition definition = new RootBeanDefinition(
				(RootBeanDefinition) live.getMergedBeanDefinition(bean.name()));
		definition.setScope(BeanDefinition.SCOPE_PROTOTYPE);
		scratch.registerBeanDefinition(bean.name(), definition);
		Object fresh = scratch.getBean(bean.name());
		return (fresh != bean.source().getInstance()) ? fresh : null;
	}

	/**
	 * The handler chain of Spring Boot's own binding of a properties bean: top-level
	 * converter errors ignored, no direct value for a nested properties class, the
	 * annotation's {@code ignoreInvalidFields} and {@code ignoreUnknownFields}, the
	 * validators, then the application's {@link ConfigurationPropertiesBindHandlerAdvisor
	 * advisors}.
	 */
	private BindHandler bindHandler(PropertiesBean bean, Object instance) {
		ConfigurationProperties annotation = bean.source().getAnnotation();
		BindHandler handler = new NestedPropertiesBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler());
		if (annotation.ignoreInvalidFields()) {
			handler = new IgnoreErrorsBindHandler(handler);
		}
		if (!annotation.ignoreUnknownFields()) {
			handler = new NoUnboundElementsBindHandler(handler,
					new org.springframework.boot.context.properties.source.UnboundElementsSourceFilter());
		}
		List<Validator> validators = validators(bean, instance);
		if (!validators.isEmpty()) {
			handler = new ValidationBindHandler(handler, validators.toArray(Validator[]::new));
		}
		for (ConfigurationPropertiesBindHandlerAdvisor advisor : this.context
			.getBeanProvider(ConfigurationPropertiesBindHandlerAdvisor.class)
			.orderedStream()
			.toList()) {
			handler = advisor.apply(handler);
		}
		return handler;
	}

	private List<Validator> validators(PropertiesBean bean, Object instance) {
		List<Validator> validators = new ArrayList<>();
		if (this.context.containsBean("configurationPropertiesValidator")) {
			validators.add(this.context.getBean("configurationPropertiesValidator", Validator.class));
		}
		if (bean.validated() && isJsr303Present()) {
			validators.add(jsr303Validator());
		}
		if (instance instanceof Validator validator) {
			validators.add(new SelfValidator(validator));
		}
		return validators;
	}

	/**
	 * The conversion services of Spring Boot's own binding of properties beans: the
	 * application's {@code conversionService} bean when it declares one, else its
	 * {@link ConfigurationPropertiesBinding @ConfigurationPropertiesBinding} converters
	 * and formatters, the bean factory's conversion service and Boot's shared one. Found
	 * once: the beans do not change after start-up.
	 */
	private List<ConversionService> conversionServices() {
		List<ConversionService> services = this.conversionServices;
		if (services == null) {
			services = deduceConversionServices();
			this.conversionServices = services;
		}
		return services;
	}

	private List<ConversionService> deduceConversionServices() {
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		String userDefined = ConfigurableApplicationContext.CONVERSION_SERVICE_BEAN_NAME;
		if (beanFactory.containsBean(userDefined) && beanFactory.isTypeMatch(userDefined, ConversionService.class)) {
			return List.of(beanFactory.getBean(userDefined, ConversionService.class));
		}
		List<ConversionService> services = new ArrayList<>();
		FormattingConversionService qualified = new FormattingConversionService();
		DefaultConversionService.addCollectionConverters(qualified);
		if (!ApplicationConversionService.addBeans(qualified, beanFactory, ConfigurationPropertiesBinding.VALUE)
			.isEmpty()) {
			services.add(qualified);
		}
		ConversionService beanFactoryService = beanFactory.getConversionService();
		if (beanFactoryService != null) {
			services.add(beanFactoryService);
		}
		services.add(ApplicationConversionService.getSharedInstance());
		return List.copyOf(services);
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

	private static boolean hasNoArgConstructor(Class<?> type) {
		try {
			type.getDeclaredConstructor();
			return !Modifier.isAbstract(type.getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/**
	 * One reason a candidate cannot be bound, never with the value.
	 *
	 * @param property the property name
	 * @param origin where the value came from (file, line, column), or {@code null}
	 * @param reason why it is invalid
	 */
	record Problem(String property, @Nullable String origin, String reason) {

		@Override
		public String toString() {
			return "property '" + this.property + "'" + ((this.origin != null) ? " (" + this.origin + ")" : "") + ": "
					+ this.reason + ", value ******";
		}

	}

	/**
	 * A {@code @ConfigurationProperties} bean of the context.
	 *
	 * @param name the bean name
	 * @param prefix its prefix
	 * @param type its user class
	 * @param bindMethod JavaBean (setters) or value object (constructor)
	 * @param refreshScoped whether it lives in the refresh scope
	 * @param validated whether Spring Boot validates it with Bean Validation
	 * @param source Boot's description of it
	 */
	record PropertiesBean(String name, String prefix, Class<?> type, BindMethod bindMethod, boolean refreshScoped,
			boolean validated, ConfigurationPropertiesBean source) {

		static PropertiesBean of(ConfigurableApplicationContext context, ConfigurationPropertiesBean bean) {
			String name = bean.getName();
			boolean refreshScoped = ScopedProxyUtils.isScopedTarget(name);
			if (!refreshScoped && context.getBeanFactory().containsBeanDefinition(name)) {
				refreshScoped = "refresh".equals(context.getBeanFactory().getBeanDefinition(name).getScope());
			}
			Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(bean.getInstance()));
			// Spring Boot's rule: @Validated on the class or on the @Bean method.
			boolean validated = bean.asBindTarget().getAnnotation(Validated.class) != null
					|| MergedAnnotations.from(type).isPresent(Validated.class);
			return new PropertiesBean(name, bean.getAnnotation().prefix(), type, bean.asBindTarget().getBindMethod(),
					refreshScoped, validated, bean);
		}

		/** Whether a changed key can change what this bean binds (either direction). */
		boolean reaches(List<ConfigurationPropertyName> changed) {
			ConfigurationPropertyName prefixName = ConfigurationPropertyName.adapt(this.prefix, '.');
			for (ConfigurationPropertyName name : changed) {
				if (prefixName.isEmpty() || prefixName.equals(name) || prefixName.isAncestorOf(name)
						|| name.isAncestorOf(prefixName)) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Whether this bean binds {@code name} (its prefix is the name or an ancestor).
		 */
		boolean binds(ConfigurationPropertyName name) {
			ConfigurationPropertyName prefixName = ConfigurationPropertyName.adapt(this.prefix, '.');
			return prefixName.isEmpty() || prefixName.equals(name) || prefixName.isAncestorOf(name);
		}

	}

	/**
	 * A bean and its freshly bound, validated state.
	 *
	 * @param bean the bean
	 * @param fresh the fresh instance, or {@code null} when none could be created
	 */
	record BoundBean(PropertiesBean bean, @Nullable Object fresh) {

	}

	/**
	 * The outcome of validating a candidate.
	 *
	 * @param problems why it cannot be applied (empty when valid)
	 * @param bound the beans a changed key reaches, freshly bound
	 * @param unknownKeys changed keys neither declared in metadata nor bound by a bean
	 */
	record Validation(List<Problem> problems, List<BoundBean> bound, List<String> unknownKeys) {

		/** The beans a changed key reaches, the ones an apply rebinds. */
		List<PropertiesBean> beans() {
			return this.bound.stream().map(BoundBean::bean).toList();
		}

	}

	/**
	 * No direct value for a class that is itself {@code @ConfigurationProperties}, as in
	 * Spring Boot's binding.
	 */
	private static final class NestedPropertiesBindHandler extends AbstractBindHandler {

		NestedPropertiesBindHandler(BindHandler parent) {
			super(parent);
		}

		@Override
		public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
			Class<?> type = target.getType().resolve();
			Bindable<T> restricted = (type != null
					&& MergedAnnotations.from(type).isPresent(ConfigurationProperties.class))
							? target.withBindRestrictions(Bindable.BindRestriction.NO_DIRECT_PROPERTY) : target;
			return super.onStart(name, restricted, context);
		}

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
