"""Time to the first healthy answer, and the memory right after start."""
import statistics
import time
from dataclasses import dataclass

from servers import rss_mib

SETTLE_S = 1.0  # RSS "after start" is read this long after the first 200, once start-up threads have finished


@dataclass
class Starts:
    server: str
    first_healthy_ms: list
    rss_after_start_mib: list

    @property
    def median_ms(self):
        return statistics.median(self.first_healthy_ms)

    @property
    def median_rss_mib(self):
        return statistics.median(self.rss_after_start_mib)


def measure_starts(make_server, runs):
    """Starts a fresh server `runs` times: fork to the first 200 from /healthcheck, then RSS, then kill."""
    first_healthy_ms, rss = [], []
    name = None
    for _ in range(runs):
        server = make_server()
        name = server.name
        began = server.start()
        try:
            healthy = server.await_healthy()
            first_healthy_ms.append((healthy - began) * 1000)
            time.sleep(SETTLE_S)
            rss.append(rss_mib(server.pids()))
        finally:
            server.stop()
    return Starts(name, first_healthy_ms, rss)
