"""The Pulumi program: how long pulumi's Java host waits for it, through the host's real arguments.

The host starts the program twice per preview or up, with exactly these arguments (pulumi-java
pkg/internal/executors/executor_maven.go): GetRequiredPackages, to list its plugins, then Run. Both go to
./run-program (Pulumi.yaml's use-executor), which starts the prebuilt jar, and, without use-executor, to ./mvnw.
- Run: from the fork to the program's first own resource arriving at an engine stand-in (tests/java/.../engine:
  EngineStandIn answers registrations, deploys nothing; TimeToFirstResource times it), with the environment the
  host sets (PULUMI_MONITOR, PULUMI_CONFIG of the dev stack, ...). A real engine adds its own gRPC latency.
- GetRequiredPackages: the whole call, which ends when the plugin list is printed.
Also one offline evaluation of the dev stack (spotfleet.infra.plan.PlanCommand, what ./plan runs) in a fresh JVM.

python3 program.py [runs] measures only these (a few minutes) and prints the table; bench/run includes them.
python3 program.py [runs] --baseline DIR times the two ./run-program calls here and in DIR, another checkout built
the same way (./mvnw package -DskipTests -DskipApp, then ./mvnw test-compile -DskipApp for the timer), alternating,
and prints each side's median and the ratio here/baseline: how a change to the build moves what pulumi waits for.
"""
import glob
import json
import os
import sys
import statistics
import subprocess
import time
from dataclasses import dataclass

from servers import ROOT

FORK_JOIN = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4"  # pulumi-java#2270, see DEVELOPERS.md
OFFLINE_PLAN = ["spotfleet.infra.plan.PlanCommand", "dev"]
AOT_CACHE = "target/spotfleet-infra.aot"
# pulumi-java pkg/internal/executors/executor_maven.go, newMavenExecutor: RunArgs and PluginArgs, verbatim
RUN_ARGS = ["-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress", "compile", "exec:java"]
PLUGIN_ARGS = ["-Dorg.slf4j.simpleLogger.logFile=System.err", "--no-transfer-progress", "compile", "exec:java",
               "-DmainClass=com.pulumi.bootstrap.internal.Main", "-DmainArgs=packages"]
TIMER = "spotfleet.infra.engine.TimeToFirstResource"


@dataclass
class Timing:
    what: str
    command: str
    seconds: list

    @property
    def median_s(self):
        return statistics.median(self.seconds)


def program_jar():
    jars = glob.glob(str(ROOT / "target" / "spotfleet-infra-*-program.jar"))
    if len(jars) != 1:
        raise SystemExit(f"expected one target/spotfleet-infra-*-program.jar (./mvnw package), found {jars}")
    return os.path.relpath(jars[0], ROOT)


def plan_class_path(jar):
    """./plan's class path: the program jar, then the plan tool's jar and libraries (if the build has them)."""
    tool = jar.replace("-program.jar", "-plan.jar")
    return f"{jar}:{tool}:target/plan-libs/*" if os.path.exists(os.path.join(ROOT, tool)) else jar


def commands(java):
    """What to time, by name: (command line, what it stands for, whether the timer's JSON gives the seconds)."""
    jar = program_jar()
    timer = [java, "-cp", "target/test-classes:target/classes:target/program-libs/*", TIMER]
    return {
        "Run, ./run-program (jar + AOT cache)": (timer + ["./run-program"] + RUN_ARGS,
                                                 "the host's Run call through use-executor: fork to the program's first resource", True),
        "Run, ./mvnw": (timer + ["./mvnw"] + RUN_ARGS,
                        "the same call without use-executor (the host runs Maven)", True),
        "GetRequiredPackages, ./run-program": (["./run-program"] + PLUGIN_ARGS,
                                               "the host's plugin listing through use-executor, start to end", False),
        "GetRequiredPackages, ./mvnw": (["./mvnw"] + PLUGIN_ARGS, "the same without use-executor", False),
        "evaluation, jar + AOT cache": ([java, f"-XX:AOTCache={AOT_CACHE}", FORK_JOIN, "-cp", plan_class_path(jar)] + OFFLINE_PLAN,
                                        "one offline evaluation of the dev stack in a fresh JVM (./plan's work, without Maven)", False),
        "evaluation, Maven": (["./mvnw", "-q", "--no-transfer-progress", "compile", "exec:java",
                               "-DmainClass=" + OFFLINE_PLAN[0], "-DmainArgs=" + OFFLINE_PLAN[1]],
                              "the same through `mvn compile exec:java` (what ./plan does)", False),
    }


def measure_program(java, runs):
    """Each command `runs` times, interleaved so that a noisy neighbour hits all of them alike."""
    table = commands(java)
    seconds = {name: [] for name in table}
    for _ in range(runs):
        for name, (command, _, timed_by_timer) in table.items():
            began = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            elapsed = time.perf_counter() - began
            seconds[name].append(json.loads(done.stdout)["firstResource"] if timed_by_timer else elapsed)
    return [Timing(name, " ".join(table[name][0]), seconds[name]) for name in table], \
           {name: description for name, (_, description, _) in table.items()}


def against_baseline(java, runs, baseline):
    """The ./run-program calls here and in `baseline`, alternating; each side's times."""
    timer = [java, "-cp", "target/test-classes:target/classes:target/program-libs/*", TIMER]
    calls = {"Run, ./run-program": (timer + ["./run-program"] + RUN_ARGS, True),
             "GetRequiredPackages, ./run-program": (["./run-program"] + PLUGIN_ARGS, False)}
    seconds = {(name, side): [] for name in calls for side in ("here", "baseline")}
    for _ in range(runs):
        for name, (command, timed_by_timer) in calls.items():
            for side, cwd in (("here", ROOT), ("baseline", baseline)):
                began = time.perf_counter()
                done = subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                elapsed = time.perf_counter() - began
                seconds[(name, side)].append(json.loads(done.stdout)["firstResource"] if timed_by_timer else elapsed)
    print(f"| call | here: median (min-max) | baseline {baseline}: median (min-max) | ratio | runs |")
    print("|---|---:|---:|---:|---:|")
    for name in calls:
        here, base = seconds[(name, "here")], seconds[(name, "baseline")]
        print(f"| {name} | {statistics.median(here):.2f} s ({min(here):.2f}-{max(here):.2f}) | "
              f"{statistics.median(base):.2f} s ({min(base):.2f}-{max(base):.2f}) | "
              f"{statistics.median(here) / statistics.median(base):.2f} | {runs} |")


if __name__ == "__main__":
    java_home = os.environ.get("JAVA_HOME")
    if not java_home:
        raise SystemExit("set JAVA_HOME to a JDK 25, and run ./mvnw package -DskipTests -DskipApp first")
    if "--baseline" in sys.argv:
        at = sys.argv.index("--baseline")
        against_baseline(os.path.join(java_home, "bin", "java"), int(sys.argv[1]) if at > 1 else 5, sys.argv[at + 1])
        sys.exit(0)
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    timings, descriptions = measure_program(os.path.join(java_home, "bin", "java"), runs)
    print("| program | median | min-max | runs | what |")
    print("|---|---:|---:|---:|---|")
    for timing in timings:
        print(f"| {timing.what} | {timing.median_s:.2f} s | {min(timing.seconds):.2f}-{max(timing.seconds):.2f} s | "
              f"{len(timing.seconds)} | {descriptions[timing.what]} |")
