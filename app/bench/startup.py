#!/usr/bin/env python3
"""Start-up time to the first 200 on /healthcheck, and RSS, for the Dockerfile's own command line.

Runs the final stage's ENTRYPOINT/CMD (java replaced by $JAVA_HOME/bin/java) in app/target, the image's
WORKDIR layout, N times; prints each run and the median. Optionally loads / with wrk and reads RSS again.

    ./mvnw -B -f app/pom.xml package -DskipTests
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 python3 app/bench/startup.py --runs 7 --wrk-seconds 10
"""
import argparse, json, os, re, signal, socket, statistics, subprocess, time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent


def image_command():
    """ENTRYPOINT + CMD of the Dockerfile's last stage, exec form."""
    text = re.sub(r"\\\n", " ", (APP / "Dockerfile").read_text())
    stage = text[text.rfind("\nFROM "):]
    entrypoint, cmd = [], []
    for line in stage.splitlines():
        line = line.strip()
        if line.startswith("ENTRYPOINT "):
            entrypoint = json.loads(line[len("ENTRYPOINT "):])
        elif line.startswith("CMD "):
            cmd = json.loads(line[len("CMD "):])
    command = entrypoint + cmd
    assert command[0] == "java", command
    return [os.path.join(os.environ["JAVA_HOME"], "bin", "java")] + command[1:]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthcheck_status(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /healthcheck HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            return int(s.recv(64).split(b" ")[1])
    except OSError:
        return 0


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def one_run(command, wrk_seconds):
    port = free_port()
    env = dict(os.environ, PORT=str(port), REQUEST_LOG_ENABLED=os.environ.get("REQUEST_LOG_ENABLED", "true"))
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=APP / "target", env=env, stdout=subprocess.DEVNULL)
    while healthcheck_status(port) != 200:
        if process.poll() is not None:
            raise RuntimeError("service exited with %d" % process.returncode)
        time.sleep(0.002)
    first_healthy_ms = (time.perf_counter() - start) * 1000
    time.sleep(1)
    rss_started = rss_mib(process.pid)
    rss_loaded = None
    if wrk_seconds:
        subprocess.run(["wrk", "-t2", "-c64", f"-d{wrk_seconds}s", f"http://127.0.0.1:{port}/"], check=True)
        time.sleep(1)
        rss_loaded = rss_mib(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return first_healthy_ms, rss_started, rss_loaded


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--wrk-seconds", type=int, default=0, help="load / with wrk -c64 in the last run")
    args = parser.parse_args()
    command = image_command()
    print("command:", " ".join(command))
    times, rss = [], []
    for run in range(args.runs):
        last = run == args.runs - 1
        ms, rss_started, rss_loaded = one_run(command, args.wrk_seconds if last else 0)
        times.append(ms)
        rss.append(rss_started)
        print(f"run {run + 1}: first 200 on /healthcheck after {ms:.0f} ms, RSS {rss_started:.1f} MiB"
              + (f", RSS after wrk {rss_loaded:.1f} MiB" if rss_loaded else ""))
    print(f"median: {statistics.median(times):.0f} ms to first healthy answer, RSS after start {statistics.median(rss):.1f} MiB")


if __name__ == "__main__":
    main()
