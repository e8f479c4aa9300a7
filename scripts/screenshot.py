"""Screenshot of a rendered page in Debian's headless Chromium, offline (for README: output/graph.png).

Usage:
    .venv/bin/python scripts/screenshot.py                       # output/graph.html → output/graph.png
    .venv/bin/python scripts/screenshot.py page.html shot.png --select "He Jie" --width 1600 --height 900
    .venv/bin/python scripts/screenshot.py output/graph.html output/reading.png --select "He Jie" --read

Every request that is not the page itself is aborted and reported; the script fails if the
page asks for anything off the page or logs a console error.
"""

import argparse
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9"]


@contextmanager
def offline_page(executable: str = CHROMIUM, width: int = 1400, height: int = 860):
    """A page in a fresh temporary profile where only file:// loads; yields (page, off_page, errors)."""
    from playwright.sync_api import sync_playwright

    off_page: list[str] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=FLAGS,
            viewport={"width": width, "height": height}, device_scale_factor=1, service_workers="block")
        try:
            def guard(route):
                if route.request.url.startswith("file://"):
                    route.continue_()
                else:
                    off_page.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            page = context.pages[0] if context.pages else context.new_page()
            page.on("request", lambda r: None if r.url.startswith(("file://", "data:")) else off_page.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("requestfailed", lambda r: errors.append(f"failed request {r.url}"))
            yield page, off_page, errors
        finally:
            context.close()


def open_page(page, path: Path, timeout_ms: int = 60_000) -> None:
    page.goto(path.resolve().as_uri())
    # A selector, not wait_for_function: the page's Content-Security-Policy forbids eval.
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=timeout_ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", nargs="?", type=Path, default=Path("output/graph.html"))
    parser.add_argument("png", nargs="?", type=Path, default=Path("output/graph.png"))
    parser.add_argument("--select", default=None, help="open this entity's panel first (by its full name, label or alias; any case), without zooming")
    parser.add_argument("--read", action="store_true", help="open the reading view too (at the selection's first passage, if any)")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    with offline_page(width=args.width, height=args.height) as (page, off_page, errors):
        open_page(page, args.page)
        if args.select:
            found = page.evaluate("""name => {
                const view = window.kgView, wanted = name.trim().toLowerCase();
                const keys = id => [view.info[id].name, view.nodes.get(id).label, ...view.info[id].aliases];
                const ids = view.nodes.getIds().sort().filter(id => keys(id).some(k => k.trim().toLowerCase() === wanted));
                if (ids.length) view.select(ids[0], false);
                return ids.length;
            }""", args.select)
            if not found:
                print(f"no entity is named {args.select!r}", file=sys.stderr)
                return 2
        if args.read:
            if not page.is_visible("#read"):
                print(f"{args.page} has no article text to read", file=sys.stderr)
                return 2
            page.click("#read")
            page.wait_for_selector("#reader .reader-text", state="visible")
            page.wait_for_timeout(500)  # the network's canvas follows its narrower box
        page.mouse.move(5, args.height - 5)
        page.screenshot(path=str(args.png))
    if off_page or errors:
        print(f"page asked for {off_page} / errors {errors}", file=sys.stderr)
        return 1
    print(f"{args.page} → {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
