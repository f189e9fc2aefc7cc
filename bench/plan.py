"""./plan against the Maven path it replaced, in one run on one machine: what people wait for after an edit.

Each round, on a scratch copy of the project (its tracked files; ~/.m2 as it is, so no run downloads anything):
- cold: target/ deleted, then `./plan dev` (which builds the program jar and its AOT cache first) against
  `./mvnw -q compile exec:java -DmainClass=spotfleet.infra.plan.PlanCommand -DmainArgs=dev` (what ./plan ran before);
- warm: nothing changed since the last build;
- touched: one source file's time set to now (`touch src/plan/java/spotfleet/infra/plan/PlanText.java`) first;
- --help: `./plan --help` against the same Maven command with -DmainArgs=--help.
Every pair runs back to back, and the rounds repeat, so a busy neighbour hits both sides alike; the table gives the
median, the spread and the ratio of medians. The warm outputs of both paths are compared byte for byte.

    cd bench && python3 plan.py [rounds]     # 3 rounds by default: about 10 minutes on 2 idle cores

It prints the table and writes it into RESULTS.md between its markers (bench/run's report keeps that part).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- bench/plan.py: begin -->", "<!-- bench/plan.py: end -->"
MAVEN = ["./mvnw", "-q", "compile", "exec:java", "-DmainClass=spotfleet.infra.plan.PlanCommand"]
TOUCHED = "src/plan/java/spotfleet/infra/plan/PlanText.java"


def scratch_copy():
    """The project's tracked files (as they are in the work tree) in a new directory, modes kept."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    copy = Path(tempfile.mkdtemp(prefix="plan-bench-"))
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


def timed(command, cwd, env):
    began = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr.decode()[-3000:]}")
    return elapsed, done.stdout


def measure(rounds):
    project = scratch_copy()
    env = dict(os.environ)
    env.setdefault("JAVA_HOME", subprocess.run(["sh", ".mvn/find-jdk"], cwd=ROOT, check=True, capture_output=True,
                                               text=True).stdout.strip())
    env["MAVEN_OPTS"] = "--sun-misc-unsafe-memory-access=allow"  # what ./plan set for Maven before, on JDK 24+
    plan, maven = ["./plan", "dev"], MAVEN + ["-DmainArgs=dev"]
    target = project / "target"
    touch = lambda: (project / TOUCHED).touch()
    clean = lambda: shutil.rmtree(target, ignore_errors=True)
    # (scenario, what to do before each side, ./plan's command, the Maven command), in this order each round
    scenarios = [
        ("cold (empty target/)", clean, plan, maven),
        ("warm", lambda: None, plan, maven),
        ("after touching one source", touch, plan, maven),
        ("--help", lambda: None, ["./plan", "--help"], MAVEN + ["-DmainArgs=--help"]),
    ]
    seconds = {name: ([], []) for name, *_ in scenarios}
    same_output = []
    try:
        for round_ in range(rounds):
            for name, before, fast, slow in scenarios:
                # alternate which side goes first, so neither always runs just after a build; but a cold round
                # ends with ./plan's, so that "warm" finds the jar it built
                sides = [(0, fast), (1, slow)] if round_ % 2 == 1 and not name.startswith("cold") else [(1, slow), (0, fast)]
                outputs = {}
                for side, command in sides:
                    before()
                    elapsed, outputs[side] = timed(command, project, env)
                    seconds[name][side].append(elapsed)
                if name == "warm":
                    same_output.append(outputs[0] == outputs[1])
                print(f"round {round_ + 1} {name}: ./plan {seconds[name][0][-1]:.2f} s, Maven {seconds[name][1][-1]:.2f} s",
                      flush=True)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    return seconds, same_output


def table(seconds, rounds, same_output, load_before, load_after):
    lines = ["| `./plan dev` | ./plan: median (min-max) | Maven path: median (min-max) | ratio of medians |",
             "|---|---:|---:|---:|"]
    for name, (fast, slow) in seconds.items():
        lines.append(f"| {name} | {statistics.median(fast):.2f} s ({min(fast):.2f}-{max(fast):.2f}) | "
                     f"{statistics.median(slow):.2f} s ({min(slow):.2f}-{max(slow):.2f}) | "
                     f"{statistics.median(fast) / statistics.median(slow):.2f} |")
    warm = seconds["warm"]
    ratio = statistics.median(warm[0]) / statistics.median(warm[1])
    lines += ["", f"Target: warm `./plan dev` at most 35% of the Maven path's time: {ratio:.0%}, "
                  f"{'met' if ratio <= 0.35 else '**missed**'}. `./plan --help` at most 1 s: "
                  f"{max(seconds['--help'][0]):.3f} s at worst, {'met' if max(seconds['--help'][0]) <= 1 else '**missed**'}. "
                  f"Warm outputs identical to the Maven path's: {sum(same_output)} of {len(same_output)} rounds.",
              "", f"{rounds} rounds; load average before: {load_before}; after: {load_after} "
                  f"(2 CPUs: above 2, other work shared the machine and stretched both sides)."]
    return lines


def write_results(lines, command):
    section = "\n".join([BEGIN, "## `./plan` against the Maven path", "",
                         f"Written by `{command}` on {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; "
                         "how it measures: the docstring of [plan.py](plan.py).", ""] + lines + [END])
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text)


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    load_before = load_average()
    seconds, same_output = measure(rounds)
    lines = table(seconds, rounds, same_output, load_before, load_average())
    print("\n".join(lines))
    write_results(lines, "cd bench && python3 plan.py" + (f" {rounds}" if len(sys.argv) > 1 else ""))
