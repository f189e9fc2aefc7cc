package spotfleet.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines to stdout from one background thread, in batches: request threads only enqueue,
 * and under load many lines share one write(2) call instead of one each.
 * The queue is bounded, so a stalled stdout slows requests down (back-pressure) rather than growing
 * the heap or losing lines. {@link #flush} waits for everything enqueued so far, before exit.
 */
final class StdoutLines {
    private static final int QUEUE_CAPACITY = 8192;
    private static final int MAX_BATCH = 1024;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final StdoutLines SHARED = new StdoutLines(System.out);

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final PrintStream out;

    StdoutLines(PrintStream out) {
        this.out = out;
        Thread.ofPlatform().daemon().name("stdout-lines").start(this::writeForever);
    }

    /** The writer for the process's stdout, shared by the request log and the log handler. */
    static StdoutLines shared() {
        return SHARED;
    }

    void println(String line) {
        try {
            queue.put(line);
            enqueued.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every line enqueued before this call is written, or the timeout passes. */
    boolean flush(long timeout, TimeUnit unit) {
        long target = enqueued.get();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (written.get() < target) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    private void writeForever() {
        List<String> batch = new ArrayList<>(256);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            try {
                batch.add(queue.take()); // idle: sleeps until a line comes
            } catch (InterruptedException e) {
                return;
            }
            // Under load, waiting a moment lets one write(2) carry the lines of many requests, instead of the
            // writer waking (and being woken by a request thread) for every line; a log line is at most 1 ms late.
            LockSupport.parkNanos(LINGER_NANOS);
            queue.drainTo(batch, MAX_BATCH - 1);
            for (String line : batch) {
                bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                bytes.write('\n');
            }
            out.write(bytes.toByteArray(), 0, bytes.size());
            out.flush();
            written.addAndGet(batch.size());
            batch.clear();
            bytes.reset();
        }
    }
}
