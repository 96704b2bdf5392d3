#!/usr/bin/env python3
"""Runs the Zmtp / libzmq / NetMQ comparison matrix and writes benchmarks/results/ (see README.md here).

Usage: runner.py --zmtp CMD --libzmq CMD --netmq CMD [--quick] [--reps N] [--target S]
                 [--patterns a,b] [--transports a,b] [--sizes a,b] [--out DIR]
       runner.py --render [--out DIR]      (rewrites latest.md and the charts from DIR/latest.json)
Each CMD is the program that takes `ROLE ENDPOINT COUNT SIZE` (for zmtp: "path/to/zmtp perf").
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time

import cells
import gccheck
import machine
import procs
import report
import svgchart


def parse_json(line):
    try:
        return json.loads(line) if line else None
    except json.JSONDecodeError:
        return None


def run_once(implementation, command, pattern, transport, size, count, timeout):
    """One run of one cell: the metric, messages, elapsed seconds and each process's usage, or an error."""
    kind = cells.PATTERNS[pattern][1]
    binder, connectors, result_names = cells.plan(pattern, transport, size, count, command)
    children, error = procs.run_group(binder, connectors, result_names, timeout)
    cells.cleanup_ipc(children)
    outcome = {"count": count, "processes": [c.usage() for c in children]}
    results = []
    for child in children:
        if child.name in result_names:
            data = parse_json(child.last_json_line())
            if data is None and error is None:
                error = f"no result from {child.describe()}"
            results.append(data)
    if error is not None:
        outcome["error"] = error
        return outcome
    outcome["results"] = results
    if kind == "lat":
        result = results[0]
        outcome["metric"] = result["rtt_us_median"]
        outcome["messages"] = result["count"]
        outcome["elapsed"] = result["count"] * result["rtt_us_mean"] / 1e6
    else:
        # PUB/SUB: total delivered messages per second is the sum of every subscriber's rate.
        outcome["metric"] = sum(r["msgs_per_sec"] for r in results)
        outcome["messages"] = sum(r["count"] for r in results)
        outcome["elapsed"] = max(r["seconds"] for r in results)
        outcome["delivered_fraction"] = outcome["messages"] / (count * len(results))
    outcome["cpu_seconds"] = sum(p["cpu_seconds"] or 0 for p in outcome["processes"])
    outcome["peak_rss_mb"] = max((p["max_rss_kb"] or 0) for p in outcome["processes"]) / 1024
    return outcome


def calibrated_count(outcome, pattern, size, target):
    """Scales the calibration run's count so that one run takes about `target` seconds."""
    kind = cells.PATTERNS[pattern][1]
    base = outcome["count"]
    elapsed = outcome.get("elapsed") or 0
    scaled = base * 10 if elapsed <= 0 else int(base * target / elapsed)
    low = 200 if kind == "lat" else 1000
    high = 200_000 if kind == "lat" else 50_000_000
    return max(low, min(high, scaled))


def summarize(runs, baseline=None):
    """Medians over the good runs. CPU per message leaves out start-up and connection set-up: the CPU time
    of a one-message run of the same cell (`baseline`) is taken off first."""
    good = [r for r in runs if "error" not in r]
    base_cpu = baseline.get("cpu_seconds", 0) if baseline and "error" not in baseline else 0
    for r in good:
        messages = max(r["messages"], 1)
        r["cpu_ns_per_msg_with_startup"] = r["cpu_seconds"] / messages * 1e9
        r["cpu_ns_per_msg"] = max(r["cpu_seconds"] - base_cpu, 0) / messages * 1e9
    entry = {"runs": runs, "failures": len(runs) - len(good), "baseline": baseline}
    if not good:
        entry["status"] = "timeout" if any(r.get("error") == "timeout" for r in runs) else "error"
        return entry
    entry["status"] = "ok"
    for key in ("metric", "cpu_ns_per_msg", "cpu_ns_per_msg_with_startup", "peak_rss_mb"):
        entry[key] = statistics.median(r[key] for r in good)
    if "delivered_fraction" in good[0]:
        entry["delivered_fraction"] = statistics.median(r["delivered_fraction"] for r in good)
    return entry


def run_cell(commands, pattern, transport, size, args):
    """Calibrates each implementation, then runs the repetitions interleaved across implementations."""
    timeout = max(30.0, args.target * 30)
    entries, counts, runs, baselines = {}, {}, {}, {}
    for impl, command in commands.items():
        if not cells.supported(impl, transport):
            entries[impl] = {"status": "n/a"}
            continue
        base = cells.CALIBRATION_COUNT[cells.PATTERNS[pattern][1]][size]
        probe = run_once(impl, command, pattern, transport, size, base, timeout)
        if "error" in probe:
            entries[impl] = summarize([probe])
            continue
        counts[impl] = calibrated_count(probe, pattern, size, args.target)
        baselines[impl] = run_once(impl, command, pattern, transport, size, 1, timeout)
        runs[impl] = []
    for _ in range(args.reps):
        for impl in counts:
            runs[impl].append(run_once(impl, commands[impl], pattern, transport, size, counts[impl], timeout))
    for impl in counts:
        entries[impl] = summarize(runs[impl], baselines[impl])
    return entries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for impl in cells.IMPLEMENTATIONS:
        parser.add_argument(f"--{impl}", help=f"command line of the {impl} perf program")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 16 and 4096, 1 repetition, 0.2 s cells")
    parser.add_argument("--reps", type=int, default=None, help="repetitions per cell (default 3; the median is kept)")
    parser.add_argument("--target", type=float, default=None, help="seconds per run (default 1.0)")
    parser.add_argument("--patterns", default=",".join(cells.PATTERNS))
    parser.add_argument("--transports", default=",".join(cells.TRANSPORTS))
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--gc-count", type=int, default=None,
                        help="messages in the allocation check runs (default 10,000,000; --quick 1,000,000; 0 skips)")
    parser.add_argument("--build-info", default="", help="how each program was built (goes into the report)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "results"))
    parser.add_argument("--render", action="store_true", help="only render latest.md and the charts again")
    args = parser.parse_args()
    if args.render:
        with open(os.path.join(args.out, "latest.json")) as f:
            write_outputs(json.load(f), args.out)
        return
    missing = [impl for impl in cells.IMPLEMENTATIONS if not getattr(args, impl)]
    if missing:
        parser.error("missing " + ", ".join(f"--{impl}" for impl in missing))
    args.reps = args.reps or (1 if args.quick else 3)
    args.target = args.target or (0.2 if args.quick else 1.0)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([16, 4096] if args.quick else cells.SIZES)
    commands = {impl: getattr(args, impl).split() for impl in cells.IMPLEMENTATIONS}

    started = time.monotonic()
    matrix = []
    for pattern, transport, size in cells.cells(args.patterns.split(","), args.transports.split(","), sizes):
        entries = run_cell(commands, pattern, transport, size, args)
        matrix.append({"pattern": pattern, "transport": transport, "size": size, "results": entries})
        brief = ", ".join(f"{impl} {report.format_entry(pattern, e)}" for impl, e in entries.items())
        print(f"[{time.monotonic() - started:6.0f} s] {pattern} {transport} {size} B: {brief}", file=sys.stderr, flush=True)

    gc_count = args.gc_count if args.gc_count is not None else (1_000_000 if args.quick else 10_000_000)
    checks = gccheck.run(commands["zmtp"], gc_count, parse_json) if gc_count > 0 else []
    for check in checks:
        brief = ", ".join(f"{p['role']} gen2 {p.get('gc2', '?')}" for p in check["processes"])
        print(f"[{time.monotonic() - started:6.0f} s] allocation check {check['transport']}: {brief}", file=sys.stderr, flush=True)

    data = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine.describe(),
        "build": args.build_info,
        "settings": {"reps": args.reps, "target_seconds": args.target, "quick": args.quick,
                     "duration_seconds": round(time.monotonic() - started)},
        "cells": matrix,
        "gc_check": checks,
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "latest.json"), "w") as f:
        # One line per cell: readable diffs without a very long file.
        head = json.dumps({k: v for k, v in data.items() if k != "cells"}, indent=1)
        f.write(head[:-2] + ',\n "cells": [\n')
        f.write(",\n".join("  " + json.dumps(cell, separators=(",", ":")) for cell in data["cells"]))
        f.write("\n ]\n}\n")
    write_outputs(data, args.out)


def write_outputs(data, directory):
    markdown = report.markdown(data)
    with open(os.path.join(directory, "latest.md"), "w") as f:
        f.write(markdown)
    svgchart.write_charts(data, directory)
    print(markdown)


if __name__ == "__main__":
    main()
