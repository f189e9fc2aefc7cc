package spotfleet.infra.plan;

import spotfleet.infra.components.DashboardLayout.Widget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static spotfleet.infra.components.DashboardLayout.GRID_COLUMNS;

/**
 * The dashboard's layout drawn as text for docs/operations.md, from the widgets {@code DashboardLayout} declares
 * (a documentation aid, so it lives with the plan tool, not in the program).
 */
public final class DashboardPicture {

    private DashboardPicture() {
    }

    /**
     * {@code layout} as text: one box per widget, a grid column three characters wide and a grid row one line high,
     * each box with its title and what it shows.
     */
    public static String of(List<? extends Widget> layout) {
        var width = GRID_COLUMNS * 3 + 1;
        var height = layout.stream().mapToInt(w -> w.y() + w.height()).max().orElse(0) + 1;
        var canvas = new char[height][width];
        Arrays.stream(canvas).forEach(row -> Arrays.fill(row, ' '));
        for (var widget : layout) {
            int left = widget.x() * 3, right = (widget.x() + widget.width()) * 3;
            int top = widget.y(), bottom = widget.y() + widget.height();
            for (int col = left; col <= right; col++) {
                canvas[top][col] = canvas[bottom][col] = (col == left || col == right) ? '+' : '-';
            }
            for (int row = top + 1; row < bottom; row++) {
                canvas[row][left] = canvas[row][right] = '|';
            }
            var inner = right - left - 3;
            var text = new ArrayList<>(wrap(widget.title(), inner, ""));
            widget.legend().forEach(entry -> text.addAll(wrap("- " + entry, inner, "  ")));
            for (int i = 0; i < text.size() && top + 1 + i < bottom; i++) {
                write(canvas[top + 1 + i], left + 2, text.get(i));
            }
        }
        var lines = Arrays.stream(canvas).map(row -> new String(row).stripTrailing()).toList();
        return String.join("\n", lines) + "\n";
    }

    private static void write(char[] row, int from, String text) {
        text.getChars(0, text.length(), row, from);
    }

    /** {@code text} in lines of at most {@code width} characters, broken at spaces, later lines indented. */
    private static List<String> wrap(String text, int width, String indent) {
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (var word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            } else if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines.stream().map(l -> l.length() > width ? l.substring(0, width) : l).toList();
    }
}
