package spotfleet.acceptance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened when (epoch ms): the run's steps and what AWS reported (the notice, the experiment's end, the service
 * back at its desired count, the rollout's end), and the phases the verdict judges the requests by.
 */
final class Timeline {

    record Event(String name, long atMillis) {
    }

    /** A stretch of the run, [start, end), whose requests are judged together. */
    record Phase(String name, long startMillis, long endMillis) {
        boolean contains(long millis) {
            return millis >= startMillis && millis < endMillis;
        }
    }

    private final Clock clock;
    private final List<Event> events = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private String openPhase;
    private long openSince;

    Timeline(Clock clock) {
        this.clock = clock;
    }

    synchronized long mark(String event) {
        var now = clock.millis();
        events.add(new Event(event, now));
        return now;
    }

    synchronized void mark(String event, long atMillis) {
        events.add(new Event(event, atMillis));
    }

    /** Ends the open phase, if any, and starts {@code phase}. */
    synchronized void phase(String phase) {
        var now = clock.millis();
        endPhase(now);
        openPhase = phase;
        openSince = now;
    }

    synchronized void endPhase(long now) {
        if (openPhase != null) {
            phases.add(new Phase(openPhase, openSince, now));
            openPhase = null;
        }
    }

    synchronized List<Event> events() {
        var sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparingLong(Event::atMillis));
        return sorted;
    }

    synchronized List<Phase> phases() {
        return List.copyOf(phases);
    }

    synchronized Optional<Long> at(String event) {
        return events.stream().filter(e -> e.name().equals(event)).map(Event::atMillis).findFirst();
    }

    /** A timeline read back from a report's JSON, for {@code ./acceptance verdict}. */
    static Timeline of(List<Event> events, List<Phase> phases) {
        var timeline = new Timeline(Clock.systemUTC());
        timeline.events.addAll(events);
        timeline.phases.addAll(phases);
        return timeline;
    }
}
