"""Render the app icons (overrides/assets/images/app-icon-{192,512}.png) from app-icon.svg with
Debian's Chromium. Run again after editing the SVG: python scripts/render_icons.py"""

from pathlib import Path

from playwright.sync_api import sync_playwright

from tooling import harness

IMAGES = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "images"


def main() -> None:
    svg = (IMAGES / "app-icon.svg").read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = harness.launch_chromium(playwright)
        for size in (192, 512):
            page = browser.new_page(viewport={"width": size, "height": size})
            sized = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            page.set_content(f'<html><body style="margin:0;background:transparent">{sized}</body></html>')
            page.screenshot(path=str(IMAGES / f"app-icon-{size}.png"), omit_background=True)
        browser.close()


if __name__ == "__main__":
    main()
