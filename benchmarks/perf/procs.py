"""Child processes for one benchmark run: start, wait for READY, collect output, reap with resource usage.

Every wait has a deadline; a process still running at its deadline is terminated (SIGTERM, then SIGKILL),
so a run can never hang. Resource usage comes from wait4(2): the peak resident set (ru_maxrss) and the
user + system CPU time of exactly that process.
"""

import os
import queue
import signal
import subprocess
import threading
import time


class Child:
    """One running role: its command line, output lines as they arrive, and its usage once reaped."""

    def __init__(self, name, argv):
        self.name = name
        self.argv = argv
        self.lines = queue.Queue()
        self.stdout = []
        self.stderr = []
        self.exit_code = None
        self.killed = False
        self.max_rss_kb = None
        self.cpu_seconds = None
        self._proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, bufsize=1)
        self._readers = [
            threading.Thread(target=self._pump, args=(self._proc.stdout, self.stdout, True), daemon=True),
            threading.Thread(target=self._pump, args=(self._proc.stderr, self.stderr, False), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _pump(self, stream, sink, to_queue):
        for line in stream:
            line = line.rstrip("\n")
            sink.append(line)
            if to_queue:
                self.lines.put(line)
        stream.close()

    def close_stdin(self):
        """End of file on standard input: zmqperf's ipc senders wait for it (see LibzmqPerf/roles.c)."""
        try:
            self._proc.stdin.close()
        except OSError:
            pass

    def wait_for_line(self, expected, deadline):
        """True once a stdout line equal to `expected` arrives; False at the deadline or on exit."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                if self.lines.get(timeout=min(remaining, 0.05)) == expected:
                    return True
            except queue.Empty:
                if self._proc.poll() is not None and self.lines.empty():
                    return False

    def reap(self, deadline):
        """Waits for exit until the deadline (then terminates); records exit code, peak RSS and CPU time."""
        while self.exit_code is None:
            pid, status, usage = os.wait4(self._proc.pid, os.WNOHANG)
            if pid != 0:
                self._record(status, usage)
                break
            if time.monotonic() >= deadline:
                self.terminate()
                continue
            time.sleep(0.005)
        for reader in self._readers:
            reader.join(timeout=5)
        return self.exit_code

    def terminate(self):
        """SIGTERM, then SIGKILL after 2 s; reaps the process."""
        self.killed = True
        for sig, grace in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 10.0)):
            try:
                os.kill(self._proc.pid, sig)
            except ProcessLookupError:
                pass
            end = time.monotonic() + grace
            while time.monotonic() < end:
                pid, status, usage = os.wait4(self._proc.pid, os.WNOHANG)
                if pid != 0:
                    self._record(status, usage)
                    return
                time.sleep(0.005)

    def _record(self, status, usage):
        self.exit_code = os.waitstatus_to_exitcode(status)
        self._proc.returncode = self.exit_code  # reaped here: keep Popen from waiting again
        self.max_rss_kb = usage.ru_maxrss
        self.cpu_seconds = usage.ru_utime + usage.ru_stime

    def last_json_line(self):
        for line in reversed(self.stdout):
            if line.startswith("{"):
                return line
        return None

    def usage(self):
        return {"name": self.name, "exit_code": self.exit_code, "killed": self.killed,
                "max_rss_kb": self.max_rss_kb, "cpu_seconds": self.cpu_seconds}

    def describe(self):
        tail = "\n".join(self.stderr[-5:])
        return f"{' '.join(self.argv)} (exit {self.exit_code}{', killed' if self.killed else ''})\n{tail}"


def run_group(binder, connectors, result_names, timeout, ready_timeout=15.0, grace=5.0):
    """Runs one cell once.

    binder: (name, argv) started first; if it binds over the network it prints READY before the others
    start. connectors: list of (name, argv). result_names: the children whose JSON line is the result;
    they get `timeout` seconds; then every standard input is closed and the rest get `grace` more seconds
    (senders linger until delivered), then are ended.
    Returns (children, error) where error is None, "timeout" or a message.
    """
    children = []
    error = None
    try:
        first = Child(*binder)
        children.append(first)
        if connectors and not first.wait_for_line("READY", time.monotonic() + ready_timeout):
            return children, f"no READY from {first.describe()}"
        for name, argv in connectors:
            children.append(Child(name, argv))

        deadline = time.monotonic() + timeout
        for child in children:
            if child.name in result_names:
                child.reap(deadline)
                if child.killed:
                    error = "timeout"
        for child in children:
            child.close_stdin()
        rest_deadline = time.monotonic() + grace
        for child in children:
            if child.name not in result_names:
                child.reap(rest_deadline)
        return children, error
    finally:
        for child in children:
            if child.exit_code is None:
                child.terminate()
            child.close_stdin()
