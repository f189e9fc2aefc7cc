"""The three servers under test, each started on 127.0.0.1 the way the benchmark's fairness rules say.

- service: app/Dockerfile's final-stage ENTRYPOINT + CMD, parsed from the Dockerfile (never copied), with only
  `java` replaced by the image's runtime, app/target/runtime/bin/java (the Dockerfile's jlink line, which the app
  build repeats), run in app/target (the image's /app layout: jar, libs/, AOT cache);
  the request log is on, as in production, and stdout goes to /dev/null.
- seed: the blog post's aiohttp server, byte for byte (bench/seed/app.py), under Debian's /usr/bin/python3.
- nginx: the same bodies and headers from bench/nginx/nginx.conf, two workers, access log on (to /dev/null).
"""
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
APP = ROOT / "app"
IMAGE_RUNTIME = APP / "target" / "runtime"  # the image's $JAVA_HOME, as the app build links it
HOST = "127.0.0.1"
START_TIMEOUT_S = 60


def image_command(java_home=IMAGE_RUNTIME):
    """ENTRYPOINT followed by CMD of the Dockerfile's last stage (exec form), java replaced by java_home's."""
    text = re.sub(r"\\\n", " ", (APP / "Dockerfile").read_text())
    final_stage = text[text.rfind("\nFROM "):]
    entrypoint, cmd = [], []
    for line in final_stage.splitlines():
        line = line.strip()
        if line.startswith("ENTRYPOINT "):
            entrypoint = json.loads(line[len("ENTRYPOINT "):])
        elif line.startswith("CMD "):
            cmd = json.loads(line[len("CMD "):])
    command = entrypoint + cmd
    if not command or command[0] != "java":
        raise SystemExit(f"app/Dockerfile: the final stage's command should start with java, found {command}")
    return [str(Path(java_home) / "bin" / "java")] + command[1:]


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def healthcheck_status(port):
    """The status of GET /healthcheck on a new connection, or 0 while nothing answers."""
    try:
        with socket.create_connection((HOST, port), timeout=1) as s:
            s.sendall(b"GET /healthcheck HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            return int(s.recv(64).split(b" ")[1])
    except (OSError, IndexError, ValueError):
        return 0


def rss_mib(pids):
    """Resident set size, summed over the processes, in MiB."""
    return sum(_status_kib(pid, "VmRSS") for pid in pids) / 1024


def rss_split_mib(pid):
    """(anonymous, file-backed) resident memory of one process, in MiB."""
    return _status_kib(pid, "RssAnon") / 1024, _status_kib(pid, "RssFile") / 1024


def _status_kib(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for pid {pid}")


class Server:
    """One server process group, started on a free port and stopped with everything it forked."""

    name = "?"
    started = []  # every server started and not yet stopped, for the harness's clean-up

    def __init__(self):
        self.process = None
        self.port = None
        self.stderr = None

    def command(self, port):
        raise NotImplementedError

    def cwd(self):
        return ROOT

    def environment(self, port):
        return dict(os.environ)

    def start(self):
        """Starts the server and returns the time of the fork (time.perf_counter())."""
        self.port = free_port()
        command = self.command(self.port)
        self.stderr = tempfile.TemporaryFile()  # a file, not a pipe: nobody reads it during a run
        began = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=self.cwd(), env=self.environment(self.port),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=self.stderr, start_new_session=True)
        Server.started.append(self)
        return began

    def await_healthy(self):
        """Polls /healthcheck until it answers 200; returns the time of that answer (time.perf_counter())."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if healthcheck_status(self.port) == 200:
                return time.perf_counter()
            if self.process.poll() is not None:
                self.stderr.seek(0)
                raise SystemExit(f"{self.name} exited with {self.process.returncode}: {self.stderr.read().decode()}")
            if time.monotonic() > deadline:
                raise SystemExit(f"{self.name} did not answer 200 on /healthcheck within {START_TIMEOUT_S} s")
            time.sleep(0.001)

    def pids(self):
        """The server's processes (nginx has a master and workers)."""
        group = os.getpgid(self.process.pid)
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getpgid(int(entry.name)) == group:
                        pids.append(int(entry.name))
                except ProcessLookupError:
                    pass
        return pids

    def stop(self):
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        if self in Server.started:
            Server.started.remove(self)

    @classmethod
    def stop_all(cls):
        for server in list(cls.started):
            server.stop()


class Service(Server):
    name = "service"

    def __init__(self, java_home=IMAGE_RUNTIME):
        super().__init__()
        self.java_home = java_home

    def command(self, port):
        return image_command(self.java_home)

    def cwd(self):
        return APP / "target"

    def environment(self, port):
        env = dict(os.environ, PORT=str(port), HOST=HOST)
        env.pop("REQUEST_LOG_ENABLED", None)  # on, as the image runs it
        return env


class Seed(Server):
    name = "aiohttp"

    def command(self, port):
        return ["/usr/bin/python3", str(BENCH / "seed" / "serve.py"), str(port)]


class Nginx(Server):
    name = "nginx"

    def __init__(self):
        super().__init__()
        self.prefix = None

    def command(self, port):
        self.prefix = tempfile.mkdtemp(prefix="spotfleet-bench-nginx-")
        conf = (BENCH / "nginx" / "nginx.conf").read_text().replace("@PREFIX@", self.prefix).replace("@PORT@", str(port))
        path = Path(self.prefix) / "nginx.conf"
        path.write_text(conf)
        return ["nginx", "-p", self.prefix, "-c", str(path), "-e", "stderr"]
