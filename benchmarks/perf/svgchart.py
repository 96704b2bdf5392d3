"""SVG charts of the comparison (standard library only): one small panel per pattern and transport,
message size on x, the figure on a log scale on y, one line per implementation."""

import math
import os

import cells
import report

COLORS = {"libzmq": "#1f77b4", "netmq": "#ff7f0e", "zmtp": "#2ca02c"}
PANEL_W, PANEL_H = 330, 230
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 30, 40
COLUMNS = 3
HEADER = 56


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _tick_label(value, latency):
    if latency:
        return f"{value:g} µs"
    for scale, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def _series(cell_list, latency):
    """{impl: [value or None per size]} and the sizes, for one panel."""
    sizes = [c["size"] for c in cell_list]
    series = {}
    for impl in cells.IMPLEMENTATIONS:
        values = []
        for cell in cell_list:
            entry = cell["results"].get(impl, {})
            values.append(entry["metric"] if entry.get("status") == "ok" and entry["metric"] > 0 else None)
        series[impl] = values
    return sizes, series


def _panel(x0, y0, title, sizes, series, latency):
    out = [f'<g transform="translate({x0},{y0})">',
           f'<text x="{PANEL_W / 2}" y="18" text-anchor="middle" font-weight="bold">{_escape(title)}</text>']
    values = [v for vs in series.values() for v in vs if v is not None]
    plot_w, plot_h = PANEL_W - LEFT - RIGHT, PANEL_H - TOP - BOTTOM
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#999"/>')
    if not values:
        out.append(f'<text x="{LEFT + plot_w / 2}" y="{TOP + plot_h / 2}" text-anchor="middle">no data</text></g>')
        return out
    low = math.floor(math.log10(min(values)))
    high = max(math.ceil(math.log10(max(values))), low + 1)

    def y_of(value):
        return TOP + plot_h * (1 - (math.log10(value) - low) / (high - low))

    def x_of(index):
        return LEFT + plot_w * (index + 0.5) / len(sizes)

    for exponent in range(low, high + 1):
        y = y_of(10 ** exponent)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
                   f'{_escape(_tick_label(10 ** exponent, latency))}</text>')
    for index, size in enumerate(sizes):
        label = f"{size // 1024} KiB" if size >= 1024 else f"{size} B"
        out.append(f'<text x="{x_of(index):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="11">{label}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{PANEL_H - 6}" text-anchor="middle" font-size="11">message size</text>')
    for impl, vs in series.items():
        color = COLORS[impl]
        run = []
        for index, value in enumerate(vs + [None]):
            if value is not None:
                run.append(f"{x_of(index):.1f},{y_of(value):.1f}")
                out.append(f'<circle cx="{x_of(index):.1f}" cy="{y_of(value):.1f}" r="3" fill="{color}">'
                           f'<title>{cells.LABELS[impl]} {size_text(sizes[index])}: '
                           f'{_escape(value_text(value, latency))}</title></circle>')
            elif run:
                if len(run) > 1:
                    out.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{color}" stroke-width="2"/>')
                run = []
    out.append("</g>")
    return out


def size_text(size):
    return f"{size // 1024} KiB" if size >= 1024 else f"{size} B"


def value_text(value, latency):
    return f"{value:.1f} µs" if latency else report.format_rate(value)


def _chart(data, latency, heading):
    groups = {}
    for cell in data["cells"]:
        if report.is_latency(cell["pattern"]) == latency:
            groups.setdefault((cell["pattern"], cell["transport"]), []).append(cell)
    order = sorted(groups, key=lambda k: (list(cells.PATTERNS).index(k[0]), cells.TRANSPORTS.index(k[1])))
    rows = max(1, math.ceil(len(order) / COLUMNS))
    width, height = PANEL_W * COLUMNS, HEADER + PANEL_H * rows
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="10" y="20" font-size="15" font-weight="bold">{_escape(heading)}</text>',
           f'<text x="10" y="38" font-size="11" fill="#555">{_escape(data["date"])}, '
           f'{data["machine"]["nproc"]} CPUs, {_escape(data["machine"]["cpu"])}</text>']
    for index, impl in enumerate(cells.IMPLEMENTATIONS):
        x = width - 300 + index * 100
        out.append(f'<rect x="{x}" y="12" width="14" height="4" fill="{COLORS[impl]}"/>'
                   f'<text x="{x + 18}" y="18">{cells.LABELS[impl]}</text>')
    for index, key in enumerate(order):
        panel_cells = sorted(groups[key], key=lambda c: c["size"])
        sizes, series = _series(panel_cells, latency)
        title = f"{cells.PATTERNS[key[0]][0]} {key[1]}"
        x0, y0 = PANEL_W * (index % COLUMNS), HEADER + PANEL_H * (index // COLUMNS)
        out += _panel(x0, y0, title, sizes, series, latency)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_charts(data, directory):
    charts = {"throughput.svg": (False, "Throughput (messages per second, higher is better)"),
              "latency.svg": (True, "REQ/REP round-trip latency (median, lower is better)")}
    for name, (latency, heading) in charts.items():
        with open(os.path.join(directory, name), "w") as f:
            f.write(_chart(data, latency, heading))
