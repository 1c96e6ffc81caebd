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

package dev.steadypod.demo.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One documented {@code curl} to the demo's ports on localhost: method, port, path and
 * query, and the HTTP status the comment after it starts with (any 2xx when it names
 * none). A pipe ends the command. Also compiled into the consumer builds, whose README
 * test reads the same commands.
 *
 * @param line the documented line
 * @param method the HTTP method
 * @param port {@code 8080} (application) or {@code 8081} (management)
 * @param path path and query
 * @param documentedStatus the status the comment names, {@code 0} for any 2xx
 */
public record Curl(String line, String method, int port, String path, int documentedStatus) {

	private static final Pattern URL = Pattern
		.compile("(?:https?://)?(?:localhost|127\\.0\\.0\\.1):(8080|8081)(/\\S*)?");

	private static final Pattern STATUS = Pattern.compile("^(\\d{3})\\b");

	// Options of curl that take an argument.
	private static final List<String> WITH_ARGUMENT = List.of("-o", "-H", "-d", "-u", "-w", "--data", "--header",
			"--user", "--output");

	/** The command, or {@code null} when it does not address the demo's ports. */
	public static @Nullable Curl parse(String line) {
		String command = line;
		String comment = "";
		int hash = line.indexOf(" #");
		if (hash >= 0) {
			command = line.substring(0, hash);
			comment = line.substring(hash + 2).strip();
		}
		int pipe = command.indexOf(" | ");
		if (pipe >= 0) {
			command = command.substring(0, pipe);
		}
		String method = "GET";
		Matcher url = null;
		List<String> words = words(command);
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			if (word.equals("-X") || word.equals("--request")) {
				method = words.get(++i);
			}
			else if (WITH_ARGUMENT.contains(word)) {
				i++;
			}
			else if (!word.startsWith("-")) {
				Matcher matcher = URL.matcher(word);
				if (matcher.matches()) {
					url = matcher;
				}
			}
		}
		if (url == null) {
			return null;
		}
		Matcher status = STATUS.matcher(comment);
		String path = (url.group(2) != null) ? url.group(2) : "/";
		return new Curl(line, method, Integer.parseInt(url.group(1)), path,
				status.find() ? Integer.parseInt(status.group(1)) : 0);
	}

	/** Whether {@code status} is what the documented command promises. */
	public boolean answers(int status) {
		return (this.documentedStatus != 0) ? status == this.documentedStatus : status >= 200 && status < 300;
	}

	private static List<String> words(String command) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		char quote = 0;
		for (char c : command.toCharArray()) {
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (Character.isWhitespace(c)) {
				if (!word.isEmpty()) {
					words.add(word.toString());
					word.setLength(0);
				}
			}
			else {
				word.append(c);
			}
		}
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		return words;
	}

}
