"""The Pulumi program: one offline evaluation of the dev stack in a fresh JVM, and the two ways pulumi starts it.

Without a Pulumi engine, what can be timed honestly is the part the program pays for: JVM start, class loading and
one full evaluation of the stack under Pulumi's mock engine (spotfleet.infra.plan.PlanCommand, which `./plan` also
runs). A real `pulumi preview` adds the engine's gRPC round trips per resource and the provider plugins' own start.
The Java host starts the program twice per command: once to list its plugins, once to run it.
"""
import glob
import os
import statistics
import subprocess
import time
from dataclasses import dataclass

from servers import ROOT

FORK_JOIN = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4"  # pulumi-java#2270, see DEVELOPERS.md
OFFLINE_PLAN = ["spotfleet.infra.plan.PlanCommand", "dev"]
PLUGIN_LIST = ["com.pulumi.bootstrap.internal.Main", "packages"]
AOT_CACHE = "target/spotfleet-infra.aot"


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


def commands(java):
    """What to time, by name: (command line, what it stands for)."""
    jar = program_jar()
    return {
        "evaluation, jar": ([java, FORK_JOIN, "-cp", jar] + OFFLINE_PLAN,
                            "one offline evaluation in a fresh JVM: `java -cp <program jar>`"),
        "evaluation, jar + AOT cache": ([java, f"-XX:AOTCache={AOT_CACHE}", FORK_JOIN, "-cp", jar] + OFFLINE_PLAN,
                                        "the same with the AOT cache `./mvnw package` trains (./run-program's fast start)"),
        "evaluation, Maven": (["./mvnw", "-q", "--no-transfer-progress", "compile", "exec:java",
                               "-DmainClass=" + OFFLINE_PLAN[0], "-DmainArgs=" + OFFLINE_PLAN[1]],
                              "the same through `mvn compile exec:java`, as pulumi runs a Maven project (what ./plan does)"),
        "plugin list, jar + AOT cache": ([java, f"-XX:AOTCache={AOT_CACHE}", "-cp", jar] + PLUGIN_LIST,
                                         "the host's plugin discovery through ./run-program's fast start"),
        "plugin list, Maven": (["./mvnw", "-q", "--no-transfer-progress", "compile", "exec:java",
                                "-DmainClass=" + PLUGIN_LIST[0], "-DmainArgs=" + PLUGIN_LIST[1]],
                               "the host's plugin discovery through Maven"),
    }


def measure_program(java, runs):
    """Each command `runs` times, interleaved so that a noisy neighbour hits all of them alike."""
    table = commands(java)
    seconds = {name: [] for name in table}
    for _ in range(runs):
        for name, (command, _) in table.items():
            began = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds[name].append(time.perf_counter() - began)
    return [Timing(name, " ".join(table[name][0]), seconds[name]) for name in table], \
           {name: description for name, (_, description) in table.items()}
