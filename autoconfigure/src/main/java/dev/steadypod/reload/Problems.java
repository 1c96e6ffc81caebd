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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns binding failures into {@link CandidateBinder.Problem}s that name the property,
 * its origin (file, line, column) and the reason, never the value.
 */
final class Problems {

	private Problems() {
	}

	static List<CandidateBinder.Problem> describe(BindException ex) {
		List<CandidateBinder.Problem> problems = new ArrayList<>();
		Throwable cause = ex.getCause();
		if (cause instanceof BindValidationException validation) {
			ConfigurationPropertyName name = validation.getValidationErrors().getName();
			for (ObjectError error : validation.getValidationErrors()) {
				String property = (error instanceof FieldError fieldError) ? name + "." + fieldError.getField()
						: name.toString();
				ConfigurationProperty bound = findBound(validation, property);
				problems.add(new CandidateBinder.Problem(property, origin(error, bound),
						maskValues(String.valueOf(error.getDefaultMessage()))));
			}
			return problems;
		}
		ConfigurationProperty property = ex.getProperty();
		String name = (property != null) ? property.getName().toString() : ex.getName().toString();
		String origin = (property != null && property.getOrigin() != null) ? property.getOrigin().toString() : null;
		problems.add(new CandidateBinder.Problem(name, origin, (cause != null) ? reason(cause) : "cannot be bound"));
		return problems;
	}

	/** Why {@code cause} happened, without any value it may quote. */
	static String reason(Throwable cause) {
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (current instanceof ConversionFailedException conversion) {
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
		String message = (root.getMessage() != null) ? root.getMessage() : cause.getMessage();
		return (message != null) ? maskValues(message) : cause.getClass().getSimpleName();
	}

	private static @Nullable ConfigurationProperty findBound(BindValidationException validation, String property) {
		for (ConfigurationProperty bound : validation.getValidationErrors().getBoundProperties()) {
			if (bound.getName().toString().equals(property)) {
				return bound;
			}
		}
		return null;
	}

	private static @Nullable String origin(ObjectError error, @Nullable ConfigurationProperty bound) {
		Origin origin = Origin.from(error);
		if (origin == null && bound != null) {
			origin = bound.getOrigin();
		}
		return (origin != null) ? origin.toString() : null;
	}

	/**
	 * Messages quote the offending value; logs and the endpoint must never show values.
	 */
	static String maskValues(String message) {
		return message.replaceAll("'[^']*'?", "'******'")
			.replaceAll("\"[^\"]*\"?", "\"******\"")
			.replaceAll("\\[[^\\]]*\\]?", "[******]");
	}

}
