"""The Markdown report: absolute figures with Zmtp's ratios, resources, and issue 5's targets."""

import cells
import gccheck


def format_rate(value):
    if value >= 1e6:
        return f"{value / 1e6:.2f} M/s"
    if value >= 1e3:
        return f"{value / 1e3:.0f} k/s"
    return f"{value:.0f} /s"


def is_latency(pattern):
    return cells.PATTERNS[pattern][1] == "lat"


def format_entry(pattern, entry):
    if entry.get("status") != "ok":
        return entry.get("status", "n/a")
    value = entry["metric"]
    return f"{value:.1f} µs" if is_latency(pattern) else format_rate(value)


def ratio(pattern, results, other):
    """Zmtp over the other: throughput ratio, or for latency Zmtp's round trip over the other's."""
    mine, theirs = results.get("zmtp", {}), results.get(other, {})
    if mine.get("status") != "ok" or theirs.get("status") != "ok" or not theirs["metric"]:
        return None
    return mine["metric"] / theirs["metric"]


def format_ratio(value):
    return "–" if value is None else f"{value:.2f}x"


def _size(size):
    return f"{size // 1024} KiB" if size >= 1024 else f"{size} B"


def _title(pattern):
    unit = "RTT median" if is_latency(pattern) else "msgs/s"
    return f"{cells.PATTERNS[pattern][0]} ({unit})"


def _find(data, pattern, transport, size):
    for cell in data["cells"]:
        if (cell["pattern"], cell["transport"], cell["size"]) == (pattern, transport, size):
            return cell["results"]
    return None


def targets(data):
    """Issue 5's targets, each with the measured ratio or figure and whether it is met."""
    rows = []

    def check(what, pattern, transport, size, other, bound, at_most=False):
        results = _find(data, pattern, transport, size)
        value = ratio(pattern, results, other) if results else None
        if value is None:
            rows.append((what, "–", "not measured"))
        else:
            met = value <= bound if at_most else value >= bound
            rows.append((what, f"{value:.2f}x", "met" if met else "NOT met"))

    for size in cells.SIZES:
        check(f"PUSH/PULL tcp {_size(size)} >= 1.0x libzmq", "pushpull", "tcp", size, "libzmq", 1.0)
    for size in cells.SIZES:
        check(f"PUSH/PULL tcp {_size(size)} >= 2x NetMQ", "pushpull", "tcp", size, "netmq", 2.0)
    for size in cells.SIZES:
        check(f"PUB/SUB x10 tcp {_size(size)} >= 1.0x libzmq", "pubsub10", "tcp", size, "libzmq", 1.0)
    check("REQ/REP tcp 16 B RTT <= 1.1x libzmq", "reqrep", "tcp", 16, "libzmq", 1.1, at_most=True)
    check("inproc PUSH/PULL 16 B >= 1.0x libzmq", "pushpull", "inproc", 16, "libzmq", 1.0)
    inproc = _find(data, "pushpull", "inproc", 16) or {}
    zmtp = inproc.get("zmtp", {})
    if zmtp.get("status") == "ok":
        rows.append(("inproc PUSH/PULL 16 B >= 5 M msgs/s", format_rate(zmtp["metric"]),
                     "met" if zmtp["metric"] >= 5e6 else "NOT met"))
    return rows


def markdown(data):
    m = data["machine"]
    s = data["settings"]
    lines = [
        "# Zmtp vs libzmq vs NetMQ: end-to-end comparison",
        "",
        f"Measured {data['date']} with `bash benchmarks/perf/run.sh{' --quick' if s['quick'] else ''}` "
        f"({s['reps']} repetition(s) per cell after one calibration run, median kept; about "
        f"{s['target_seconds']:g} s per run; whole run {s['duration_seconds']} s).",
        "",
        f"- Machine: {m['nproc']} CPUs, {m['cpu']}, {m['memory_gib']} GiB, Linux {m['kernel']} ({m['os']})",
        f"- .NET SDK {m['dotnet_sdk']}, runtime {m['dotnet_runtime']}; libzmq {m['libzmq']}; "
        f"NetMQ {m['netmq']}; Zmtp commit {m['zmtp_commit']}",
    ]
    if data.get("build"):
        lines.append(f"- Builds: {data['build']}")
    lines += [
        "- Loopback only; every process on the same machine, which also ran other work: expect noise.",
        "",
        "Throughput is messages per second counted by the receiver from its first message to its last "
        "(PUB/SUB: the sum over subscribers of what each received, since a publisher drops what a subscriber "
        "cannot take). Latency is the median round trip of a REQ/REP pair. Ratios are Zmtp over the other "
        "(above 1 is better for throughput; for latency, below 1 is better). n/a: the implementation lacks "
        "the transport (NetMQ has no ipc on Linux). Over inproc, Zmtp and NetMQ hand the sender's buffer to "
        "the receiver as it is, while zmqperf uses zmq_send, which copies it (libzmq's zero-copy "
        "zmq_msg_init_data is not used): this is most of the gap at 64 KiB.",
        "",
        "| Pattern | Transport | Size | libzmq | NetMQ | Zmtp | Zmtp/libzmq | Zmtp/NetMQ |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cell in data["cells"]:
        p, r = cell["pattern"], cell["results"]
        values = " | ".join(format_entry(p, r.get(i, {"status": "n/a"})) for i in cells.IMPLEMENTATIONS)
        lines.append(f"| {_title(p)} | {cell['transport']} | {_size(cell['size'])} | {values} | "
                     f"{format_ratio(ratio(p, r, 'libzmq'))} | {format_ratio(ratio(p, r, 'netmq'))} |")

    lines += [
        "",
        "## Resources",
        "",
        "Peak resident set (VmHWM, from wait4's ru_maxrss) of the largest process of the run, and CPU time "
        "(user + system, all processes of the run) per delivered message (REQ/REP: per round trip), after "
        "taking off the CPU time of a one-message run of the same cell (process start-up, JIT, connection "
        "set-up); latest.json also has the figure with start-up included.",
        "",
        "| Pattern | Transport | Size | RSS MB libzmq | RSS MB NetMQ | RSS MB Zmtp | CPU ns/msg libzmq | "
        "CPU ns/msg NetMQ | CPU ns/msg Zmtp |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cell in data["cells"]:
        r = cell["results"]

        def res(impl, key, fmt):
            e = r.get(impl, {})
            return fmt.format(e[key]) if e.get("status") == "ok" else e.get("status", "n/a")

        rss = " | ".join(res(i, "peak_rss_mb", "{:.0f}") for i in cells.IMPLEMENTATIONS)
        cpu = " | ".join(res(i, "cpu_ns_per_msg", "{:.0f}") for i in cells.IMPLEMENTATIONS)
        lines.append(f"| {cells.PATTERNS[cell['pattern']][0]} | {cell['transport']} | {_size(cell['size'])} | "
                     f"{rss} | {cpu} |")

    if data.get("gc_check"):
        lines += [""] + gccheck.markdown(data["gc_check"])
    lines += ["", "## Issue 5 targets", "", "| Target | Measured | |", "| --- | ---: | --- |"]
    lines += [f"| {what} | {value} | {verdict} |" for what, value, verdict in targets(data)]
    lines += ["", "Charts: [throughput.svg](throughput.svg), [latency.svg](latency.svg); raw data: "
              "[latest.json](latest.json).", ""]
    return "\n".join(lines)
