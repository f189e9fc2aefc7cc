package spotfleet.infra.components;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DashboardLayout#picture(List)} at its edges: text that fills a box exactly, and text that does not fit. */
class DashboardPictureTest {

    @Test
    void aTitleThatFillsTheBoxExactlyStaysOnOneLineAndOneCharacterMoreWraps() {
        // given boxes 8 columns wide: 24 characters between the borders, 21 of them for text (2 before it, 1 after)
        var fits = new DashboardLayout.AlarmStates("aaaaaaaaaa bbbbbbbbbb", 0, 0, 8, 4, List.of());
        var tooLong = new DashboardLayout.AlarmStates("aaaaaaaaaa bbbbbbbbbbb", 8, 0, 8, 4, List.of());
        // when
        var picture = DashboardLayout.picture(List.of(fits, tooLong));
        // then
        assertThat(picture).isEqualTo("""
                +-----------------------+-----------------------+
                | aaaaaaaaaa bbbbbbbbbb | aaaaaaaaaa            |
                |                       | bbbbbbbbbbb           |
                |                       |                       |
                +-----------------------+-----------------------+
                """);
    }

    @Test
    void textThatDoesNotFitStopsAboveTheBottomBorder() {
        // given a box with room for two lines and five to show
        var box = new DashboardLayout.AlarmStates("Alarms", 0, 0, 8, 3, List.of("a", "b", "c", "d"));
        // when
        var picture = DashboardLayout.picture(List.of(box));
        // then the title and the first entry, and the border intact
        assertThat(picture).isEqualTo("""
                +-----------------------+
                | Alarms                |
                | - a                   |
                +-----------------------+
                """);
    }
}
