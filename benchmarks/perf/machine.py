"""What the figures were measured on: CPU, memory, kernel, .NET, libzmq, NetMQ and the Zmtp commit."""

import os
import platform
import re
import subprocess


def _run(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _netmq_version(root):
    try:
        with open(os.path.join(root, "Directory.Packages.props")) as f:
            match = re.search(r'Include="NetMQ" Version="([^"]+)"', f.read())
            return match.group(1) if match else "unknown"
    except OSError:
        return "unknown"


def describe():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    commit = _run(["git", "-C", root, "rev-parse", "--short", "HEAD"])
    dirty = _run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"])
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gib": _memory_gib(),
        "kernel": platform.release(),
        "os": _run(["sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\""]),
        "dotnet_sdk": _run(["dotnet", "--version"]),
        "dotnet_runtime": (_run(["sh", "-c", "dotnet --list-runtimes | grep Microsoft.NETCore.App | tail -1"])
                           .split(" [")[0]),
        "libzmq": _run(["dpkg-query", "-W", "-f", "${Version}", "libzmq5"]) or "unknown",
        "netmq": _netmq_version(root),
        "zmtp_commit": commit + ("+changes" if dirty else ""),
    }
