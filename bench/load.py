"""Throughput and latency with wrk, and the memory a server holds under load."""
import re
import subprocess
import threading
import time
from dataclasses import dataclass

from servers import HOST, rss_mib

WRK_THREADS = 2
WARM_UP_S = 5
RSS_SAMPLE_EVERY_S = 0.5


@dataclass
class Run:
    server: str
    path: str
    connections: int
    seconds: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    rss_end_mib: float = None  # RSS as wrk finished
    rss_peak_mib: float = None


def wrk(port, path, connections, seconds):
    """Runs wrk and returns (requests/s, p50 ms, p99 ms, errors: socket errors plus non-2xx/3xx answers)."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency", f"http://{HOST}:{port}{path}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    requests_per_s = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return requests_per_s, to_ms(percentiles["50"]), to_ms(percentiles["99"]), errors


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def warm_up(server, paths):
    """The same warm-up for every server: the JIT compiles the request path before anything is measured."""
    for path in paths:
        wrk(server.port, path, 64, WARM_UP_S)


def measure(server, path, connections, seconds, sample_rss=False):
    """One wrk run; with sample_rss, the server's RSS is read every half second and as wrk ends."""
    samples = []
    stop = threading.Event()

    def sample():
        while not stop.wait(RSS_SAMPLE_EVERY_S):
            samples.append(rss_mib(server.pids()))

    sampler = threading.Thread(target=sample, daemon=True) if sample_rss else None
    if sampler:
        sampler.start()
    requests_per_s, p50, p99, errors = wrk(server.port, path, connections, seconds)
    run = Run(server.name, path, connections, seconds, requests_per_s, p50, p99, errors)
    if sampler:
        run.rss_end_mib = rss_mib(server.pids())
        stop.set()
        sampler.join()
        run.rss_peak_mib = max(samples + [run.rss_end_mib])
    time.sleep(1)  # let the connections close before the next run
    return run
