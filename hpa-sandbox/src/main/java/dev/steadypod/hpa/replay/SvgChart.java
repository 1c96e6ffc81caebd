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

package dev.steadypod.hpa.replay;

import java.util.List;
import java.util.Locale;

/**
 * A plain SVG line chart of replica counts over time: one panel per signal, each with the
 * capacity-ideal count and one line per behavior.
 */
final class SvgChart {

	private static final int WIDTH = 860;

	private static final int PANEL_HEIGHT = 190;

	private static final int LEFT = 50;

	private static final int RIGHT = 170;

	private static final int TOP = 34;

	private static final int GAP = 44;

	private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd" };

	private SvgChart() {
	}

	/**
	 * One panel.
	 *
	 * @param title the panel's title, e.g. the signal
	 * @param ideal the ideal count per second
	 * @param lines the replica counts per second, by label
	 */
	record Panel(String title, int[] ideal, List<Line> lines) {

	}

	/**
	 * One line of a panel.
	 *
	 * @param label the legend text
	 * @param values per second
	 * @param dashed whether to dash it
	 */
	record Line(String label, int[] values, boolean dashed) {

	}

	static String render(String title, List<Panel> panels, int maxReplicas) {
		int height = TOP + panels.size() * (PANEL_HEIGHT + GAP) + 14;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
						+ " font-family=\"sans-serif\" font-size=\"12\">\n",
				WIDTH, height, WIDTH, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, height));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", LEFT, escape(title)));
		for (int p = 0; p < panels.size(); p++) {
			panel(svg, panels.get(p), TOP + p * (PANEL_HEIGHT + GAP) + 16, maxReplicas);
		}
		return svg.append("</svg>\n").toString();
	}

	private static void panel(StringBuilder svg, Panel panel, int top, int maxReplicas) {
		int plotWidth = WIDTH - LEFT - RIGHT;
		int seconds = panel.ideal().length;
		double yMax = maxReplicas + 1;
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", LEFT, top - 6,
				escape(panel.title())));
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n", LEFT, top,
				plotWidth, PANEL_HEIGHT));
		for (int r = 0; r <= yMax; r += 2) {
			double y = top + PANEL_HEIGHT - r / yMax * PANEL_HEIGHT;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
							+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n",
					LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4, r));
		}
		int minutes = seconds / 60;
		int tick = (minutes > 60) ? 10 : 5;
		for (int m = 0; m <= minutes; m += tick) {
			double x = LEFT + (double) m * 60 / seconds * plotWidth;
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x,
					top + PANEL_HEIGHT + 14, m));
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">minutes</text>\n",
				LEFT + plotWidth, top + PANEL_HEIGHT + 28));
		polyline(svg, panel.ideal(), top, plotWidth, yMax, "#bbb", 6, false);
		legend(svg, 0, top, "#bbb", "ideal (capacity)", false);
		for (int i = 0; i < panel.lines().size(); i++) {
			Line line = panel.lines().get(i);
			String colour = COLOURS[i % COLOURS.length];
			polyline(svg, line.values(), top, plotWidth, yMax, colour, 1.6, line.dashed());
			legend(svg, i + 1, top, colour, line.label(), line.dashed());
		}
	}

	private static void legend(StringBuilder svg, int row, int top, String colour, String label, boolean dashed) {
		int x = WIDTH - RIGHT + 12;
		int y = top + 14 + row * 18;
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"%s/>"
						+ "<text x=\"%d\" y=\"%d\">%s</text>\n",
				x, y - 4, x + 22, y - 4, colour, (row == 0) ? "6" : "2", dashed ? " stroke-dasharray=\"5,3\"" : "",
				x + 28, y, escape(label)));
	}

	private static void polyline(StringBuilder svg, int[] values, int top, int plotWidth, double yMax, String colour,
			double width, boolean dashed) {
		StringBuilder points = new StringBuilder();
		int seconds = values.length;
		double previousY = Double.NaN;
		for (int t = 0; t < seconds; t++) {
			double x = LEFT + (double) t / seconds * plotWidth;
			double y = top + PANEL_HEIGHT - values[t] / yMax * PANEL_HEIGHT;
			// Steps, not slopes: a replica count changes at once.
			if (!Double.isNaN(previousY) && y != previousY) {
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, previousY));
			}
			if (t == 0 || t == seconds - 1 || y != previousY) {
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
			}
			previousY = y;
		}
		svg.append(String.format(Locale.ROOT,
				"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s stroke-linejoin=\"round\" points=\"%s\"/>\n",
				colour, width, dashed ? " stroke-dasharray=\"5,3\"" : "", points.toString().strip()));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
