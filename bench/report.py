"""The results: the table and ratios on stdout, bench/RESULTS.md, and bench/ratios.png (gnuplot)."""
import os
import platform
import re
import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from servers import APP, BENCH

# The targets; a miss is reported with its distance, never moved.
TARGET_VS_AIOHTTP = 6.0
TARGET_VS_NGINX = 0.8
TARGET_P99_MS = 10.0
TARGET_START_MS = 300.0
TARGET_RSS_MIB = 160.0
TARGET_EVALUATION_S = 1.5


def machine(java):
    def first_line(command):
        try:
            result = subprocess.run(command, capture_output=True, text=True)
            return (result.stdout + result.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical CPUs",
        "RAM": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
        "OS": first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "JDK": first_line([java, "-version"]),
        "wrk": first_line(["wrk", "-v"]).split(" [")[0],
        "nginx": first_line(["nginx", "-v"]),
        "python": first_line(["/usr/bin/python3", "--version"]),
        "aiohttp": first_line(["/usr/bin/python3", "-c", "import aiohttp, aiohttp_cors; "
                                                        "print(f'aiohttp {aiohttp.__version__}, aiohttp_cors {aiohttp_cors.__version__}')"]),
        "Helidon": "4.5.0 (app/pom.xml parent)",
        "load average at start": first_line(["cat", "/proc/loadavg"]),
    }


def index(runs):
    return {(run.server, run.path, run.connections): run for run in runs}


def ratio_rows(runs):
    """(path, connections, service/aiohttp, service/nginx) for every measured combination."""
    by = index(runs)
    rows = []
    for (server, path, connections), run in by.items():
        if server != "service":
            continue
        seed, nginx = by[("aiohttp", path, connections)], by[("nginx", path, connections)]
        rows.append((path, connections, run.requests_per_s / seed.requests_per_s, run.requests_per_s / nginx.requests_per_s))
    return rows


def _at_least(name, measured, target, shown):
    return name, shown, measured >= target, "" if measured >= target else f"{(1 - measured / target) * 100:.0f}% short"


def _at_most(name, measured, target, shown):
    if measured <= target:
        return name, shown, True, ""
    return name, shown, False, f"{(measured / target - 1) * 100:.0f}% over" if target else "not zero"


def targets(runs, service_starts, seed_starts, rss_run, timings):
    """(target, measured, met?, how far off) for each of the issue's targets."""
    by = index(runs)
    hello = by[("service", "/", 64)]
    vs_seed = hello.requests_per_s / by[("aiohttp", "/", 64)].requests_per_s
    vs_nginx = hello.requests_per_s / by[("nginx", "/", 64)].requests_per_s
    p99_256 = max(run.p99_ms for run in runs if run.server == "service" and run.connections == 256)
    errors = sum(run.errors for run in runs if run.server == "service")
    evaluation = next(t for t in timings if t.what == "evaluation, jar + AOT cache").median_s
    start, seed_start = service_starts.median_ms, seed_starts.median_ms
    return [
        _at_least(f"throughput on / at 64 connections >= {TARGET_VS_AIOHTTP:g}x aiohttp", vs_seed, TARGET_VS_AIOHTTP, f"{vs_seed:.2f}x"),
        _at_least(f"throughput on / at 64 connections >= {TARGET_VS_NGINX:g}x nginx", vs_nginx, TARGET_VS_NGINX, f"{vs_nginx:.2f}x"),
        _at_most(f"p99 at 256 connections <= {TARGET_P99_MS:g} ms (worse of the two paths)", p99_256, TARGET_P99_MS, f"{p99_256:.2f} ms"),
        _at_most("zero errors (every service run)", errors, 0, str(errors)),
        _at_most(f"time to first healthy answer <= {TARGET_START_MS:g} ms (median)", start, TARGET_START_MS, f"{start:.0f} ms"),
        _at_most("stretch: start as fast as aiohttp", start, seed_start, f"{start:.0f} ms vs {seed_start:.0f} ms"),
        _at_most(f"RSS after 20 s at 256 connections <= {TARGET_RSS_MIB:g} MiB", rss_run.rss_end_mib, TARGET_RSS_MIB,
                 f"{rss_run.rss_end_mib:.1f} MiB"),
        _at_most(f"program evaluation in a fresh JVM <= {TARGET_EVALUATION_S:g} s (the fast start)", evaluation,
                 TARGET_EVALUATION_S, f"{evaluation:.2f} s"),
    ]


def tables(runs, starts, rss_runs, service_split, timings, descriptions):
    """The result tables as Markdown lines (printed to stdout as they are)."""
    lines = ["| server | path | connections | req/s | p50 ms | p99 ms | errors |", "|---|---|---:|---:|---:|---:|---:|"]
    for run in runs:
        lines.append(f"| {run.server} | `{run.path}` | {run.connections} | {run.requests_per_s:,.0f} | {run.p50_ms:.2f} | "
                     f"{run.p99_ms:.2f} | {run.errors} |")
    lines += ["", "| path | connections | service / aiohttp | service / nginx |", "|---|---:|---:|---:|"]
    for path, connections, vs_seed, vs_nginx in ratio_rows(runs):
        lines.append(f"| `{path}` | {connections} | {vs_seed:.2f}x | {vs_nginx:.2f}x |")
    lines += ["", "| server | first healthy answer, median (min-max) | runs | RSS after start, median | "
                  "RSS after 20 s at 256 connections (peak) |", "|---|---:|---:|---:|---:|"]
    for start in starts:
        loaded = rss_runs[start.server]
        lines.append(f"| {start.server} | {start.median_ms:.0f} ms ({min(start.first_healthy_ms):.0f}-"
                     f"{max(start.first_healthy_ms):.0f}) | {len(start.first_healthy_ms)} | {start.median_rss_mib:.1f} MiB | "
                     f"{loaded.rss_end_mib:.1f} MiB ({loaded.rss_peak_mib:.1f}) |")
    anon, file = service_split
    lines += ["", f"Service RSS after load, split: {anon:.1f} MiB anonymous (heap, metaspace, code, stacks), "
                  f"{file:.1f} MiB file-backed (the jar, the JDK's modules and the AOT cache, mapped read-only)."]
    lines += ["", "| program | median | min-max | runs | what |", "|---|---:|---:|---:|---|"]
    for timing in timings:
        lines.append(f"| {timing.what} | {timing.median_s:.2f} s | {min(timing.seconds):.2f}-{max(timing.seconds):.2f} s | "
                     f"{len(timing.seconds)} | {descriptions[timing.what]} |")
    return lines


def limits(runs, service_starts, rss_run, timings):
    """(label, measured / target) for the targets with an upper limit: at most 1 means met."""
    p99_256 = max(run.p99_ms for run in runs if run.server == "service" and run.connections == 256)
    evaluation = next(t for t in timings if t.what == "evaluation, jar + AOT cache").median_s
    return [("start", service_starts.median_ms / TARGET_START_MS), ("RSS", rss_run.rss_end_mib / TARGET_RSS_MIB),
            ("p99", p99_256 / TARGET_P99_MS), ("program", evaluation / TARGET_EVALUATION_S)]


def chart(path, runs, limit_rows):
    """A PNG of the throughput ratios and of each upper-limit target's measured/target ratio, drawn by gnuplot."""
    label = {"/": "/", "/healthcheck": "/hc"}  # /hc: /healthcheck, short enough for the axis
    with tempfile.TemporaryDirectory() as scratch:
        ratios = Path(scratch) / "ratios.dat"
        ratios.write_text("".join(f'"{label[p]} {c}c" {s:.3f} {n:.3f}\n' for p, c, s, n in ratio_rows(runs)))
        bounds = Path(scratch) / "limits.dat"
        bounds.write_text("".join(f'"{name}" {value:.3f}\n' for name, value in limit_rows))
        top_seed = max([TARGET_VS_AIOHTTP] + [r[2] for r in ratio_rows(runs)]) * 1.2
        top_nginx = max([TARGET_VS_NGINX] + [r[3] for r in ratio_rows(runs)]) * 1.2
        top_limits = max([1.0] + [v for _, v in limit_rows]) * 1.2
        script = f"""
set terminal pngcairo size 1500,520 font "DejaVu Sans,11"
set output "{path}"
set multiplot layout 1,3 title "spotfleet service and program, measured by bench/run (one run)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set key top left
set title "req/s, service / aiohttp (target >= {TARGET_VS_AIOHTTP:g})"
set yrange [0:{top_seed:.2f}]
plot "{ratios}" using 2:xtic(1) title "measured" lc rgb "#3b75af", {TARGET_VS_AIOHTTP:g} with lines lw 2 dt 2 lc rgb "#c03030" title "target"
set title "req/s, service / nginx (target >= {TARGET_VS_NGINX:g})"
set yrange [0:{top_nginx:.2f}]
plot "{ratios}" using 3:xtic(1) title "measured" lc rgb "#4f9a4f", {TARGET_VS_NGINX:g} with lines lw 2 dt 2 lc rgb "#c03030" title "target"
set title "measured / limit: start-up, RSS loaded, p99 256c, program"
set yrange [0:{top_limits:.2f}]
plot "{bounds}" using 2:xtic(1) title "measured / limit" lc rgb "#a07030", 1 with lines lw 2 dt 2 lc rgb "#c03030" title "limit"
unset multiplot
"""
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


def write_markdown(path, command, info, table_lines, target_rows, notes):
    met = "\n".join(f"| {name} | {measured} | {'met' if ok else '**missed**, ' + gap} |" for name, measured, ok, gap in target_rows)
    text = f"""# Benchmark results

Written by `{command}` on {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}. Re-run it to reproduce; every
figure below comes from that one run. How the harness works, and what is fair about it: [README.md](README.md).

## Machine

{chr(10).join(f"- {key}: {value}" for key, value in info.items())}

## Targets

| target | measured | |
|---|---:|---|
{met}

## Results

{chr(10).join(table_lines)}

![ratios](ratios.png)

{notes}
"""
    # bench/plan.py's section (./plan against Maven) is measured on its own: keep it
    old = Path(path).read_text() if Path(path).exists() else ""
    begin, end = "<!-- bench/plan.py: begin -->", "<!-- bench/plan.py: end -->"
    if begin in old and end in old:
        text += "\n" + old[old.index(begin):old.index(end) + len(end)] + "\n"
    Path(path).write_text(text)
