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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's user documentation as the documentation tests read it: the README, the
 * chart's README and every page of {@code docs/}, split into fenced blocks and prose.
 */
final class Documentation {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern FENCE = Pattern.compile("(?ms)^( *)```([\\w-]*)\\n(.*?)^\\1```");

	private static final Pattern CODE_SPAN = Pattern.compile("``.+?``|`[^`\\n]+`");

	private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)\\s]*\\)");

	private Documentation() {
	}

	/** The README, helm/README.md and every page of docs/. */
	static List<Page> pages() {
		List<Path> paths = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("helm/README.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(paths::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return paths.stream().map(Page::read).toList();
	}

	static Page page(String relativePath) {
		return Page.read(ROOT.resolve(relativePath));
	}

	/**
	 * One Markdown page.
	 *
	 * @param path the file
	 * @param text its content
	 */
	record Page(Path path, String text) {

		static Page read(Path path) {
			try {
				return new Page(path, Files.readString(path));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		String name() {
			return ROOT.relativize(this.path).toString();
		}

		/** The fenced blocks, each with its language (empty when none is given). */
		List<Block> blocks() {
			List<Block> blocks = new ArrayList<>();
			Matcher fence = FENCE.matcher(this.text);
			while (fence.find()) {
				String indent = fence.group(1);
				String content = fence.group(3).replaceAll("(?m)^" + indent, "");
				blocks.add(new Block(this, fence.group(2).toLowerCase(Locale.ROOT), content, lineOf(fence.start())));
			}
			return blocks;
		}

		List<Block> shellBlocks() {
			return blocks().stream().filter(Block::isShell).toList();
		}

		/**
		 * The text a reader reads as prose and tables: fenced blocks, code spans and link
		 * targets removed (blocks are replaced by empty lines so that line numbers stay).
		 */
		String prose() {
			Matcher fence = FENCE.matcher(this.text);
			StringBuilder prose = new StringBuilder();
			while (fence.find()) {
				fence.appendReplacement(prose, Matcher.quoteReplacement("\n".repeat(newlines(fence.group()))));
			}
			fence.appendTail(prose);
			String withoutCode = CODE_SPAN.matcher(prose).replaceAll("");
			return LINK_TARGET.matcher(withoutCode).replaceAll("]");
		}

		/**
		 * The page without the section under the given heading (up to the next heading of
		 * the same or a higher level).
		 */
		Page without(String heading) {
			int[] section = section(heading);
			return new Page(this.path, this.text.substring(0, section[0]) + this.text.substring(section[1]));
		}

		/** The headings (whole lines, outside fenced blocks) that match a pattern. */
		List<String> headings(Pattern pattern) {
			List<String> headings = new ArrayList<>();
			Matcher line = Pattern.compile("(?m)^#{1,6} .*$").matcher(this.text);
			while (line.find()) {
				if (!insideFence(line.start()) && pattern.matcher(line.group()).matches()) {
					headings.add(line.group());
				}
			}
			return headings;
		}

		/** The section under the given heading, heading included. */
		String sectionText(String heading) {
			int[] section = section(heading);
			return this.text.substring(section[0], section[1]);
		}

		private int[] section(String heading) {
			int start = this.text.indexOf("\n" + heading + "\n");
			if (start < 0) {
				throw new IllegalStateException(name() + " has no heading '" + heading + "'");
			}
			start++;
			int level = heading.indexOf(' ');
			Matcher next = Pattern.compile("(?m)^#{1," + level + "} ").matcher(this.text);
			int end = this.text.length();
			int from = start + heading.length();
			while (next.find(from)) {
				if (!insideFence(next.start())) {
					end = next.start();
					break;
				}
				from = next.end();
			}
			return new int[] { start, end };
		}

		private boolean insideFence(int index) {
			Matcher fence = FENCE.matcher(this.text);
			while (fence.find()) {
				if (fence.start() < index && index < fence.end()) {
					return true;
				}
			}
			return false;
		}

		int lineOf(int index) {
			return newlines(this.text.substring(0, index)) + 1;
		}

		private static int newlines(String text) {
			return (int) text.chars().filter((c) -> c == '\n').count();
		}

	}

	/**
	 * A fenced block.
	 *
	 * @param page the page it is on
	 * @param language its language tag
	 * @param content its content, without the fence's indentation
	 * @param line the line of its opening fence
	 */
	record Block(Page page, String language, String content, int line) {

		boolean isShell() {
			return this.language.equals("bash") || this.language.equals("sh") || this.language.equals("shell");
		}

		@Override
		public String toString() {
			return this.page.name() + ":" + this.line;
		}

	}

}
