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
import java.nio.file.NoSuchFileException;

/**
 * The HPA sandbox's command line: {@code record} a trace of an app under load,
 * {@code replay} a trace through an HPA, {@code compare} CPU and in-flight scaling on a
 * trace.
 */
public final class HpaSandbox {

	static final String USAGE = "commands: record, replay, compare\n\n" + RecordCommand.USAGE + "\n\n"
			+ ReplayCommand.USAGE + "\n\n" + CompareCommand.USAGE;

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
		if (args.length == 0) {
			err.println(USAGE);
			return 2;
		}
		try {
			return switch (args[0]) {
				case "record" -> RecordCommand.run(args, out, err);
				case "replay" -> ReplayCommand.run(args, out, err);
				case "compare" -> CompareCommand.run(args, out, err);
				default -> {
					err.println("unknown command '" + args[0] + "'\n" + USAGE);
					yield 2;
				}
			};
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println("error: " + ex.getMessage());
			return 2;
		}
		catch (NoSuchFileException ex) {
			err.println("error: no such file: " + ex.getMessage());
			return 2;
		}
		catch (IOException ex) {
			err.println("error: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("interrupted");
			return 1;
		}
	}

}
