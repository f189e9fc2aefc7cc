package spotfleet.infra.plan;

import org.junit.jupiter.api.Test;
import spotfleet.infra.components.DashboardLayout;
import spotfleet.infra.docs.ProjectDocs;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DashboardPicture#of(List)} at its edges: text that fills a box exactly, and text that does not fit. */
class DashboardPictureTest {

    @Test
    void aTitleThatFillsTheBoxExactlyStaysOnOneLineAndOneCharacterMoreWraps() {
        // given boxes 8 columns wide: 24 characters between the borders, 21 of them for text (2 before it, 1 after)
        var fits = new DashboardLayout.AlarmStates("aaaaaaaaaa bbbbbbbbbb", 0, 0, 8, 4, List.of());
        var tooLong = new DashboardLayout.AlarmStates("aaaaaaaaaa bbbbbbbbbbb", 8, 0, 8, 4, List.of());
        // when
        var picture = DashboardPicture.of(List.of(fits, tooLong));
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
        var picture = DashboardPicture.of(List.of(box));
        // then the title and the first entry, and the border intact
        assertThat(picture).isEqualTo("""
                +-----------------------+
                | Alarms                |
                | - a                   |
                +-----------------------+
                """);
    }

    @Test
    void theDocsPictureIsDrawnFromTheWidgets() {
        // given
        var guide = ProjectDocs.dashboardGuide();
        // when
        var picture = DashboardPicture.of(DashboardLayout.WIDGETS);
        // then
        assertThat(picture.lines()).hasSize(21).first().asString().startsWith("+----");
        assertThat(guide).contains("```text\n" + picture + "```");
        // and a Fargate stack's, with the interrupted tasks in place of the instances
        var fargate = DashboardPicture.of(DashboardLayout.FARGATE_WIDGETS);
        assertThat(fargate).isNotEqualTo(picture).contains("Fargate Spot interruptions").doesNotContain("fleet-watch");
        assertThat(guide).contains("```text\n" + fargate + "```");
    }
}
