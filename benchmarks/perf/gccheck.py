"""The allocation check of Issue 5: long Zmtp throughput runs (tcp PUSH/PULL and inproc PUSH/PULL, 16 B)
that report each process's garbage collections per generation and bytes allocated. The target is no gen-2
collection, and allocation that does not grow with the message count."""

import re

import cells
import procs

SENDER_LINE = re.compile(r"GCs gen0/gen1/gen2 (\d+)/(\d+)/(\d+), (\d+) B allocated")


def _from_json(data):
    return {"gc0": data["gc0"], "gc1": data["gc1"], "gc2": data["gc2"], "allocated_bytes": data["allocated_bytes"]}


def _from_stderr(lines):
    for line in reversed(lines):
        match = SENDER_LINE.search(line)
        if match:
            gc0, gc1, gc2, allocated = (int(g) for g in match.groups())
            return {"gc0": gc0, "gc1": gc1, "gc2": gc2, "allocated_bytes": allocated}
    return None


def run(command, count, parse_json):
    """Runs both checks with `count` messages; returns a list of {"transport", "count", "processes": [...]}."""
    checks = []
    for transport in ("tcp", "inproc"):
        binder, connectors, result_names = cells.plan("pushpull", transport, 16, count, command)
        children, error = procs.run_group(binder, connectors, result_names, timeout=max(120.0, count / 50_000))
        cells.cleanup_ipc(children)
        entry = {"transport": transport, "count": count, "processes": []}
        if error is not None:
            entry["error"] = error
        for child in children:
            data = parse_json(child.last_json_line())
            stats = _from_json(data) if data and "gc0" in data else _from_stderr(child.stderr)
            role = "receiver" if child.name in result_names and transport == "tcp" else (
                "sender and receiver (one process)" if transport == "inproc" else "sender")
            entry["processes"].append({"role": role, "rate": data.get("msgs_per_sec") if data else None, **(stats or {})})
        checks.append(entry)
    return checks


def markdown(checks):
    """The report section."""
    lines = [
        "## Allocation check",
        "",
        "Long Zmtp runs of 16 B messages; each process reports its garbage collections per generation and "
        "the bytes it allocated in its whole life, start-up and connection set-up included (so the per-message "
        "figure is an upper bound that shrinks as the run grows). Issue 5's target: no gen-2 collection, and "
        "no allocation per message.",
        "",
        "| Transport | Messages | Process | msgs/s | gen0 | gen1 | gen2 | Allocated | Per message |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for check in checks:
        for p in check["processes"]:
            if "gc0" not in p:
                lines.append(f"| {check['transport']} | {check['count']:,} | {p['role']} | – | – | – | – | – | – |")
                continue
            rate = f"{p['rate'] / 1e6:.2f} M" if p.get("rate") else "–"
            lines.append(
                f"| {check['transport']} | {check['count']:,} | {p['role']} | {rate} | {p['gc0']} | {p['gc1']} | "
                f"{p['gc2']} | {p['allocated_bytes'] / 1e6:.1f} MB | {p['allocated_bytes'] / check['count']:.2f} B |")
        if "error" in check:
            lines.append(f"| {check['transport']} | | error: {check['error']} | | | | | | |")
    return lines + [""]
