package spotfleet.acceptance;

import java.util.List;
import java.util.Locale;

/**
 * The report's picture, an SVG: requests sent per second (blue bars), failed requests per second (red bars), the p99
 * latency per second (black line, right axis), and the timeline's events as labelled vertical lines (the notice, the
 * drain, the replacements, the deploy).
 */
final class Picture {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 360;
    private static final int LEFT = 50;
    private static final int RIGHT = 60;
    private static final int TOP = 20;
    private static final int BOTTOM = 120;

    private Picture() {
    }

    static String svg(List<RequestRecord> requests, List<Timeline.Event> events) {
        var seconds = Report.perSecond(requests);
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n"
                .formatted(WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        if (seconds.isEmpty()) {
            return svg.append("<text x=\"20\" y=\"40\">no requests recorded</text>\n</svg>\n").toString();
        }
        var first = seconds.getFirst().second();
        var last = Math.max(seconds.getLast().second(), first + 1);
        for (var e : events) {
            last = Math.max(last, e.atMillis() / 1000);
            first = Math.min(first, e.atMillis() / 1000);
        }
        var span = last - first + 1;
        var plotWidth = WIDTH - LEFT - RIGHT;
        var plotHeight = HEIGHT - TOP - BOTTOM;
        var maxSent = seconds.stream().mapToInt(Report.Second::sent).max().orElse(1);
        var maxP99 = Math.max(1, seconds.stream().mapToDouble(Report.Second::p99).max().orElse(1));
        var barWidth = Math.max(1.0, (double) plotWidth / span);
        for (var s : seconds) {
            var x = LEFT + (s.second() - first) * (double) plotWidth / span;
            var h = (double) s.sent() / maxSent * plotHeight;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9ecae1\"/>\n",
                    x, TOP + plotHeight - h, barWidth, h));
            if (s.failed() > 0) {
                var fh = Math.max(2, (double) s.failed() / maxSent * plotHeight);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#d62728\"/>\n",
                        x, TOP + plotHeight - fh, barWidth, fh));
            }
        }
        var line = new StringBuilder();
        for (var s : seconds) {
            var x = LEFT + (s.second() - first + 0.5) * (double) plotWidth / span;
            var y = TOP + plotHeight - s.p99() / maxP99 * plotHeight;
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("<polyline fill=\"none\" stroke=\"black\" stroke-width=\"1\" points=\"").append(line.toString().strip()).append("\"/>\n");
        var row = 0;
        for (var e : events) {
            var x = LEFT + (e.atMillis() / 1000.0 - first) * plotWidth / span;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ff7f0e\" stroke-dasharray=\"3,2\"/>\n",
                    x, TOP, x, TOP + plotHeight));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#ff7f0e\">%s</text>\n", x + 2,
                    TOP + plotHeight + 14 + 12 * (row++ % 7), escape(e.name())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d req/s</text>\n", 2, TOP + 10, maxSent));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">p99 %.0f ms</text>\n", WIDTH - RIGHT + 4, TOP + 10, maxP99));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">blue: requests sent per second; red: failed; line: p99 latency; %d s shown</text>\n",
                LEFT, HEIGHT - 6, span));
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
