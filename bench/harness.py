"""The benchmark run: bench/run builds and installs what is needed, then runs this with Debian's python3.

One session, one server at a time, all on 127.0.0.1: throughput and latency (wrk), time to the first healthy
answer, memory, and the Pulumi program's start. Prints the tables and ratios, writes bench/RESULTS.md and
bench/ratios.png. --quick makes a short smoke run that writes nothing.
"""
import argparse
import atexit
import os
import signal
import sys
import time
from pathlib import Path

import load
import program
import report
from servers import BENCH, Nginx, Seed, Server, Service, rss_split_mib
from startup import measure_starts

PATHS = ["/", "/healthcheck"]
BUSY_LOAD = 0.5  # a 1-minute load average above this means another process competes for the cores
SETTLE_MAX_S = 120
CONNECTIONS = [64, 256]


def settle():
    """Waits (2 minutes at most) for the load of bench/run's own build to die down; says so if something else stays."""
    deadline = time.monotonic() + SETTLE_MAX_S
    while os.getloadavg()[0] > BUSY_LOAD and time.monotonic() < deadline:
        time.sleep(5)
    if os.getloadavg()[0] > BUSY_LOAD:
        print(f"note: load average still {os.getloadavg()[0]:.2f}: something else is running, the figures will be noisy",
              flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short runs, nothing written: to check the harness")
    args = parser.parse_args()
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    seconds, rss_seconds, starts, program_runs = (3, 5, 3, 1) if args.quick else (10, 20, 11, 5)

    # every server dies with the harness, whatever ends it
    atexit.register(Server.stop_all)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda number, frame: sys.exit(128 + number))

    began = time.monotonic()
    settle()
    info = report.machine(java)
    runs, rss_runs, service_split = [], {}, None
    for make in (Service, Seed, Nginx):
        server = make()
        server.start()
        server.await_healthy()
        print(f"== {server.name}: warm-up", flush=True)
        load.warm_up(server, PATHS)
        for path in PATHS:
            for connections in CONNECTIONS:
                # "RSS after 20 s at 256 connections" is read at the end of the longer run on /
                memory_run = path == "/" and connections == 256
                run = load.measure(server, path, connections, rss_seconds if memory_run else seconds, sample_rss=memory_run)
                runs.append(run)
                if memory_run:
                    rss_runs[server.name] = run
                    if server.name == "service":
                        service_split = rss_split_mib(server.process.pid)
                print(f"   {path} c{connections}: {run.requests_per_s:,.0f} req/s, p50 {run.p50_ms:.2f} ms, "
                      f"p99 {run.p99_ms:.2f} ms, errors {run.errors}", flush=True)
        server.stop()

    print("== time to first healthy answer", flush=True)
    service_starts = measure_starts(Service, starts)
    seed_starts = measure_starts(Seed, starts)

    print("== the Pulumi program", flush=True)
    timings, descriptions = program.measure_program(java, program_runs)

    info["load average at end"] = open("/proc/loadavg").read().strip()
    target_rows = report.targets(runs, service_starts, seed_starts, rss_runs["service"], timings)
    lines = report.tables(runs, [service_starts, seed_starts], rss_runs, service_split, timings, descriptions)
    print()
    print("\n".join(lines))
    print()
    for name, measured, ok, gap in target_rows:
        print(f"{'met   ' if ok else 'MISSED'}  {name}: {measured}{'' if ok else ' (' + gap + ')'}")
    if not args.quick:
        report.chart(BENCH / "ratios.png", runs, report.limits(runs, service_starts, rss_runs["service"], timings))
        analysis = BENCH / "analysis.md"
        report.write_markdown(BENCH / "RESULTS.md", "bench/run", info, lines, target_rows,
                              analysis.read_text() if analysis.exists() else "")
        print(f"\nwrote {BENCH / 'RESULTS.md'} and {BENCH / 'ratios.png'} after {(time.monotonic() - began) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
