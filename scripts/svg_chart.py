"""A small line chart as a standalone SVG file, for the figures of docs/VALIDATION.md.
Standard library only; the same data always give the same bytes."""
from typing import Sequence

W, H, LEFT, RIGHT, TOP, BOTTOM = 560, 320, 60, 20, 30, 50


def line_chart(title: str, x_label: str, y_label: str, xs: Sequence[float], ys: Sequence[float],
               y_max: float, marker_x: float | None = None, marker_label: str = "") -> str:
    """One series over x in [0, max(xs)], y in [0, y_max], with an optional vertical marker."""
    x_max = max(xs)

    def px(x: float) -> float:
        return LEFT + (W - LEFT - RIGHT) * x / x_max

    def py(y: float) -> float:
        return H - BOTTOM - (H - TOP - BOTTOM) * y / y_max

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{W / 2:.0f}" y="18" text-anchor="middle" font-size="14">{title}</text>',
           f'<line x1="{LEFT}" y1="{py(0):.1f}" x2="{W - RIGHT}" y2="{py(0):.1f}" stroke="black"/>',
           f'<line x1="{LEFT}" y1="{py(0):.1f}" x2="{LEFT}" y2="{TOP}" stroke="black"/>',
           f'<text x="{(LEFT + W - RIGHT) / 2:.0f}" y="{H - 12}" text-anchor="middle">{x_label}</text>',
           f'<text x="16" y="{(TOP + H - BOTTOM) / 2:.0f}" text-anchor="middle" '
           f'transform="rotate(-90 16 {(TOP + H - BOTTOM) / 2:.0f})">{y_label}</text>']
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{py(0) + 16:.1f}" text-anchor="middle">{x:g}</text>')
    for k in range(int(y_max) + 1):
        out.append(f'<text x="{LEFT - 8}" y="{py(k) + 4:.1f}" text-anchor="end">{k}</text>')
    if marker_x is not None:
        out.append(f'<line x1="{px(marker_x):.1f}" y1="{py(0):.1f}" x2="{px(marker_x):.1f}" y2="{TOP}" '
                   'stroke="gray" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{px(marker_x) + 4:.1f}" y="{TOP + 12}" fill="gray">{marker_label}</text>')
    points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys))
    out.append(f'<polyline points="{points}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    out += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="#1f77b4"/>' for x, y in zip(xs, ys)]
    return "\n".join(out + ["</svg>"]) + "\n"
