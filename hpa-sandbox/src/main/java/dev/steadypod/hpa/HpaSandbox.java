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

package dev.steadypod.hpa;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The HPA sandbox's command line: {@code record} a trace of an app under load,
 * {@code replay} a trace through an HPA, {@code compare} HPAs on several signals over
 * traces, {@code recommend} each signal's target at a trace's knee. A new command is one
 * class, named in {@code subcommands} below.
 */
@Command(name = "hpa-sandbox", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
		versionProvider = HpaSandbox.Version.class, showDefaultValues = true, sortOptions = false, usageHelpWidth = 100,
		description = "Record how a pod responds to load, replay the trace through an HPA.",
		subcommands = { RecordCommand.class, ReplayCommand.class, CompareCommand.class, RecommendCommand.class })
public final class HpaSandbox implements Callable<Integer> {

	/** Exit status of a command that did what it was asked. */
	static final int DONE = 0;

	/** Exit status when reading or writing failed: a file, an app, a Prometheus. */
	static final int IO_FAILURE = 1;

	/** Exit status when the input was wrong: an option, a file's content, a range. */
	static final int BAD_INPUT = 2;

	@Spec
	private CommandSpec spec;

	private HpaSandbox() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs a command.
	 * @return the exit status: 0 done, 1 I/O failure, 2 bad input
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return new CommandLine(new HpaSandbox()).setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.setParameterExceptionHandler(HpaSandbox::badInput)
			.setExecutionExceptionHandler(HpaSandbox::failed)
			.execute(args);
	}

	/** No command given. */
	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "give a command: " + String.join(", ", commands()));
	}

	private Iterable<String> commands() {
		return this.spec.subcommands().keySet();
	}

	/**
	 * An option or argument picocli rejected, or one a command rejected while parsing:
	 * the reason, picocli's suggestions for a misspelt name, and where to read more.
	 */
	private static int badInput(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		String unknown = unknownCommand(ex);
		err.println("error: " + ((unknown != null) ? "unknown command '" + unknown + "'" : message(ex)));
		UnmatchedArgumentException.printSuggestions(ex, err);
		if (command.getParent() == null) {
			command.usage(err);
		}
		else {
			err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
		}
		return BAD_INPUT;
	}

	/** picocli's message, without the "Error: " it starts some of them with. */
	private static String message(ParameterException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
	}

	/** The first word, when it names no command. */
	private static @Nullable String unknownCommand(ParameterException ex) {
		if (ex instanceof UnmatchedArgumentException unmatched && ex.getCommandLine().getParent() == null
				&& !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
			return unmatched.getUnmatched().get(0);
		}
		return null;
	}

	/**
	 * A command that failed: bad content in a file or a server's answer is bad input (2),
	 * failing to read or write is an I/O failure (1).
	 */
	private static int failed(Exception ex, CommandLine command, ParseResult parsed) throws Exception {
		PrintWriter err = command.getErr();
		if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
			err.println("error: " + ex.getMessage());
			return BAD_INPUT;
		}
		if (ex instanceof NoSuchFileException) {
			err.println("error: no such file: " + ex.getMessage());
			return BAD_INPUT;
		}
		if (ex instanceof IOException) {
			err.println("error: " + ex.getMessage());
			return IO_FAILURE;
		}
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			err.println("interrupted");
			return IO_FAILURE;
		}
		throw ex;
	}

	/** The version in the executable jar's manifest. */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = HpaSandbox.class.getPackage().getImplementationVersion();
			return new String[] { "hpa-sandbox " + ((version != null) ? version : "(run from classes, not the jar)") };
		}

	}

}
