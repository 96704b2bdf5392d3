"""The comparison matrix: patterns x transports x sizes x implementations, and how each cell is run."""

import itertools
import os
import socket

SIZES = [16, 256, 4096, 65536]
TRANSPORTS = ["tcp", "ipc", "inproc"]
IMPLEMENTATIONS = ["libzmq", "netmq", "zmtp"]
LABELS = {"libzmq": "libzmq", "netmq": "NetMQ", "zmtp": "Zmtp"}

# name: (title, kind, binding role, connecting role, subscribers, inproc role)
PATTERNS = {
    "pushpull": ("PUSH/PULL", "thr", "thr-recv", "thr-send", 0, "inproc-thr"),
    "pubsub1": ("PUB/SUB x1", "thr", "pubsub-send", "pubsub-recv", 1, None),
    "pubsub10": ("PUB/SUB x10", "thr", "pubsub-send", "pubsub-recv", 10, None),
    "reqrep": ("REQ/REP", "lat", "lat-server", "lat-client", 0, "inproc-lat"),
    "dealerrouter": ("DEALER/ROUTER", "thr", "router-recv", "dealer-send", 0, None),
}

# First guess at a message count, from which one calibration run scales the count to the target time.
CALIBRATION_COUNT = {"thr": {16: 200_000, 256: 100_000, 4096: 20_000, 65536: 2_000},
                     "lat": {16: 2_000, 256: 2_000, 4096: 1_000, 65536: 500}}


def cells(patterns, transports, sizes):
    """Every (pattern, transport, size) that exists: inproc only for PUSH/PULL and REQ/REP."""
    for pattern, transport, size in itertools.product(patterns, transports, sizes):
        if transport == "inproc" and PATTERNS[pattern][5] is None:
            continue
        yield pattern, transport, size


def supported(implementation, transport):
    """NetMQ has no ipc transport on Linux."""
    return not (implementation == "netmq" and transport == "ipc")


def free_tcp_endpoint():
    # Bind port 0, read the port, close: the binder takes it a moment later (a small race, accepted).
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


_ipc_serial = itertools.count()


def ipc_endpoint():
    path = f"/tmp/zmtp-perf-{os.getpid()}-{next(_ipc_serial)}.ipc"
    if os.path.exists(path):
        os.unlink(path)
    return f"ipc://{path}"


def plan(pattern, transport, size, count, command):
    """The processes of one run: (binder, connectors, result names, messages the result counts)."""
    _, kind, bind_role, connect_role, subscribers, inproc_role = PATTERNS[pattern]
    n, s = str(count), str(size)
    if transport == "inproc":
        return ("main", command + [inproc_role, n, s]), [], {"main"}
    endpoint = free_tcp_endpoint() if transport == "tcp" else ipc_endpoint()
    binder_args = command + [bind_role, endpoint, n, s]
    if subscribers:
        binder_args += ["--subscribers", str(subscribers)]
    readers = max(subscribers, 1)
    connectors = [(f"{connect_role}-{i}", command + [connect_role, endpoint, n, s]) for i in range(readers)]
    results = {name for name, _ in connectors} if kind == "lat" or subscribers else {"binder"}
    return ("binder", binder_args), connectors, results


def cleanup_ipc(children):
    for child in children:
        for arg in child.argv:
            if arg.startswith("ipc://") and os.path.exists(arg[6:]):
                os.unlink(arg[6:])
