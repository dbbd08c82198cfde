"""Entry script: probes candidate Google IPs in worker processes.

Reproduction of the shape fixed in https://github.com/csrgxtu/GoogleHosts-Python/pull/1 (fix:
https://github.com/csrgxtu/GoogleHosts-Python/commit/e45993a): the script built its runner class
and called run() at module level; run() starts one multiprocessing.Process per chunk of IPs (the
class also holds a multiprocessing.Queue as a class attribute). With no main guard, spawn (Windows)
re-imports the script in every child and fails. The fix wrapped the two lines in a main guard.
"""

import multiprocessing as mp
from math import ceil

from connection import Connection


class Main:
    RES = mp.Queue()

    def __init__(self, source: str, output: str) -> None:
        self.input_source = source
        self.output = output

    def worker(self, name: str, ips: list[str], output) -> None:
        found = [ip for ip in ips if Connection(ip).https_conn()]
        for ip in found:
            print("Worker " + name + ": ", ip)
            output.put(ip)

    def run(self) -> None:
        ips = self.load_ips()
        size = int(ceil(len(ips) / 20.0)) or 1
        processes = [
            mp.Process(target=self.worker, args=(str(i), ips[start : start + size], self.RES))
            for i, start in enumerate(range(0, len(ips), size))
        ]
        for p in processes:
            p.start()
        for p in processes:
            p.join()

    def load_ips(self) -> list[str]:
        with open(self.input_source) as handle:
            return [line.rstrip() for line in handle]


m = Main("../data/ips.txt", "../data/ipsok.txt")
m.run()  # bug
