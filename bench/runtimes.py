"""The image's Java runtime two ways: a full JRE against the jlink runtime app/jlink.options asks for.

For each runtime: its size on disk, its size as a gzip'd layer (what a scale-out pulls), and the time to the first
healthy answer with an AOT cache trained on that runtime (the image's own training step, in a copy of app/target).
The full JRE is made the way OpenJDK's legacy-jre-image target makes the JRE Temurin ships (openjdk make/Images.gmk:
the modules the boot and platform class loaders define, plus jdk.jdwp.agent, --no-man-pages --no-header-files
--strip-debug, and the four default CDS archives), from this JDK; the Temurin JRE image's own layer sizes are in
docker-library/repo-info (docs/web-service.md, "The image", quotes them).

    /usr/bin/python3 bench/runtimes.py [--starts N]     # needs JAVA_HOME = a JDK 25 and a built app/target

Prints a table and the jlink/full ratios; writes nothing.
"""
import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import statistics
import time

from servers import APP, IMAGE_RUNTIME, Server, image_command, rss_mib
from startup import SETTLE_S

TICKS_PER_S = os.sysconf("SC_CLK_TCK")

CDS_VARIANTS = ("", "_nocoops", "_coh", "_nocoops_coh")  # make/Images.gmk CreateCDSArchive
LOADER_MODULES = """
public class LoaderModules {
    public static void main(String[] args) {
        var platform = ClassLoader.getPlatformClassLoader();
        System.out.println(String.join(",", ModuleLayer.boot().modules().stream()
                .filter(m -> m.getClassLoader() == null || m.getClassLoader() == platform)
                .map(Module::getName).sorted().toList()));
    }
}
"""


def jre_modules(java_home):
    """The modules this JDK defines to the boot and platform loaders: make/Images.gmk's JRE_MODULES, plus jdk.jdwp.agent."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "LoaderModules.java"
        source.write_text(LOADER_MODULES)
        out = subprocess.run([str(java_home / "bin" / "java"), "--add-modules", "ALL-SYSTEM", str(source)],
                             check=True, capture_output=True, text=True).stdout.strip()
    return out + ",jdk.jdwp.agent"


def link_full_jre(java_home, output):
    subprocess.run([str(java_home / "bin" / "jlink"), "--add-modules", jre_modules(java_home), "--no-man-pages",
                    "--no-header-files", "--strip-debug", "--output", str(output)], check=True,
                   stderr=subprocess.DEVNULL)
    for variant in CDS_VARIANTS:
        flags = ["-XX:-UseCompressedOops"] if "nocoops" in variant else []
        flags += ["-XX:+UseCompactObjectHeaders" if "coh" in variant else "-XX:-UseCompactObjectHeaders"]
        subprocess.run([str(output / "bin" / "java"), "-Xshare:dump", f"-XX:SharedArchiveFile={output}/lib/server/classes{variant}.jsa",
                        "-server", *flags, "-Xmx128M", "-Xms128M", "-XX:+UseG1GC"], check=True, stdout=subprocess.DEVNULL)


def sizes(directory):
    """(bytes on disk, bytes as a gzip'd tar layer)."""
    on_disk = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file() and not f.is_symlink())
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        tar.add(directory, arcname=".")
    return on_disk, buffer.tell()


def training_command():
    """The Dockerfile's training RUN (exec form, with -XX:AOTCacheOutput), parsed, never copied."""
    for line in (APP / "Dockerfile").read_text().splitlines():
        if line.startswith("RUN ") and "-XX:AOTCacheOutput=" in line:
            return json.loads(line[line.index("["):])
    raise SystemExit("app/Dockerfile: no AOT cache training RUN")


def layout_for(runtime, directory):
    """A copy of app/target's jar, libs/ and flags, with an AOT cache trained on `runtime` by the image's own step."""
    directory.mkdir()
    for name in ("spotfleet-app.jar", "jvm.options"):
        shutil.copy2(APP / "target" / name, directory / name)
    shutil.copytree(APP / "target" / "libs", directory / "libs")
    command = [str(runtime / "bin" / "java")] + training_command()[1:]
    subprocess.run(command, cwd=directory, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return directory


def one_start(server):
    """(wall ms, CPU ms, RSS MiB): fork to the first 200, the CPU time the JVM used until then, RSS a second later.
    The CPU time is the steadier figure on a busy machine, where the wall time mostly measures the neighbours."""
    began = server.start()
    try:
        healthy = server.await_healthy()
        fields = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu_ms = (int(fields[11]) + int(fields[12])) * 1000 / TICKS_PER_S  # utime + stime
        time.sleep(SETTLE_S)
        return (healthy - began) * 1000, cpu_ms, rss_mib(server.pids())
    finally:
        server.stop()


class ServiceOn(Server):
    """The image's command on one runtime, in one layout."""

    def __init__(self, name, runtime, layout):
        super().__init__()
        self.name = name
        self.runtime = runtime
        self.layout = layout

    def command(self, port):
        return image_command(self.runtime)

    def cwd(self):
        return self.layout

    def environment(self, port):
        return dict(os.environ, PORT=str(port), HOST="127.0.0.1")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=11)
    args = parser.parse_args()
    java_home = Path(os.environ["JAVA_HOME"])
    if not (APP / "target" / "spotfleet-app.jar").is_file() or not IMAGE_RUNTIME.is_dir():
        raise SystemExit("build app/target first: ./mvnw -f app/pom.xml package -DskipTests")

    with tempfile.TemporaryDirectory(prefix="spotfleet-runtimes-") as tmp:
        tmp = Path(tmp)
        full = tmp / "full-jre"
        link_full_jre(java_home, full)
        jlinked = tmp / "jlink"
        shutil.copytree(IMAGE_RUNTIME, jlinked, symlinks=True)
        jlinked_cds = tmp / "jlink-cds"
        shutil.copytree(IMAGE_RUNTIME, jlinked_cds, symlinks=True)
        subprocess.run([str(jlinked_cds / "bin" / "java"), "-XX:+UseCompactObjectHeaders", "-Xshare:dump"], check=True,
                       stdout=subprocess.DEVNULL)

        runtimes = (("full JRE", full), ("jlink", jlinked), ("jlink + default CDS archive", jlinked_cds))
        variants = []  # (runtime name, runtime, layout, cache usable)
        for name, runtime in runtimes:
            layout = layout_for(runtime, tmp / f"layout-{runtime.name}")
            broken = tmp / f"layout-{runtime.name}-broken"
            shutil.copytree(layout, broken)
            (broken / "spotfleet-app.aot").write_text("not an AOT cache")  # what a mismatched cache costs
            variants += [(name, runtime, layout, True), (name, runtime, broken, False)]
        # interleaved, one start of each in turn, so a busy neighbour slows all of them alike
        samples = {index: [] for index in range(len(variants))}
        for _ in range(args.starts):
            for index, (name, runtime, layout, _usable) in enumerate(variants):
                samples[index].append(one_start(ServiceOn(name, runtime, layout)))
        median = lambda index, column: statistics.median(sample[column] for sample in samples[index])
        rows = []
        for index, (name, runtime) in enumerate(runtimes):
            on_disk, layer = sizes(runtime)
            cached, uncached = 2 * index, 2 * index + 1
            rows.append((name, on_disk, layer, median(cached, 0), median(cached, 1), median(uncached, 0), median(uncached, 1),
                         median(cached, 2)))

    print(f"\nJava {java_home.name}, {args.starts} starts each, interleaved (median); load average at end "
          f"{open('/proc/loadavg').read().split()[0]}\n")
    print("| runtime | on disk | gzip'd layer | first healthy answer (CPU time), AOT cache | same, cache unusable | RSS after start |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, on_disk, layer, wall, cpu, wall_broken, cpu_broken, rss in rows:
        print(f"| {name} | {on_disk / 2**20:.1f} MiB | {layer / 2**20:.1f} MiB | {wall:.0f} ms ({cpu:.0f} ms) | "
              f"{wall_broken:.0f} ms ({cpu_broken:.0f} ms) | {rss:.0f} MiB |")
    base = rows[0]
    for row in rows[1:]:
        print(f"\n{row[0]} / full JRE: on disk {row[1] / base[1]:.2f}x, layer {row[2] / base[2]:.2f}x, start {row[3] / base[3]:.2f}x "
              f"(CPU {row[4] / base[4]:.2f}x), cache unusable {row[5] / base[5]:.2f}x (CPU {row[6] / base[6]:.2f}x)")


if __name__ == "__main__":
    main()
