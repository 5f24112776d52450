"""Every page on a phone from 320 px, in Arabic and English: nothing wider than the screen,
every control on screen and big enough to tap (WCAG 2.2, 2.5.8 Target Size (Minimum)).

The rule, page by page and at 320, 360 and 390 px:
- the page does not scroll sideways (the document is no wider than the viewport);
- every control (link, button, input, select, summary, and the label of a checkbox or a
  radio button) that is shown lies fully inside the screen's width, or, in a wide table,
  inside a box that scrolls sideways and is itself fully on screen;
- every such control is at least 24 x 24 CSS px. Exempt, as WCAG exempts them: a link inside
  a sentence (its block holds other text than the link's own, and the link is laid out
  inline), whose height the line of text decides. A link alone in its block, in a menu or a
  list of links, is a target of its own and is measured.
"""

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.walk import build_site, walk

WIDTHS = (320, 360, 390)
MIN_TARGET = 24

# Returns what is wrong with the page as shown, one line per fault, naming the element.
CHECK_LAYOUT = """(minTarget) => {
  const doc = document.documentElement;
  const screenWidth = doc.clientWidth;
  const faults = [];
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "")
      .replace(/\\s+/g, " ").trim().slice(0, 40);
    const id = el.id ? `#${el.id}` : "";
    const type = el.type && el.tagName === "INPUT" ? `[type=${el.type}]` : "";
    const cls = el.classList.length ? `.${[...el.classList].join(".")}` : "";
    return `<${el.tagName.toLowerCase()}${id}${cls}${type}> "${text}"`;
  };
  if (doc.scrollWidth > screenWidth) {
    // Name the innermost elements that stick out, where the fix belongs.
    const out = [...document.body.querySelectorAll("*")].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && (box.right > screenWidth + 0.5 || box.left < -0.5);
    });
    const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    faults.push(`the page is ${doc.scrollWidth}px wide on a ${screenWidth}px screen, past it: `
      + innermost.slice(0, 3).map(describe).join(", "));
  }
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && getComputedStyle(node).display.startsWith("inline")) node = node.parentElement;
    return node;
  };
  const inSentence = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    const block = blockOf(el);
    const own = el.textContent.replace(/\\s+/g, "");
    return block !== null && block.textContent.replace(/\\s+/g, "").length > own.length;
  };
  const scroller = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === "auto" || overflow === "scroll") return node;
    }
    return null;
  };
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, label"
  );
  for (const el of controls) {
    const ticks = el.control && ["checkbox", "radio"].includes(el.control.type);
    if (el.tagName === "LABEL" && !ticks) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) continue;  // visually hidden, for screen readers
    // A control in a box that scrolls sideways is brought into view by scrolling that box,
    // which must itself be on screen.
    const frame = scroller(el);
    const onScreen = frame ? frame.getBoundingClientRect() : box;
    if (onScreen.left < -0.5 || onScreen.right > screenWidth + 0.5) {
      const what = frame ? `the scrolling box around ${describe(el)}` : describe(el);
      const [from, to] = [Math.round(onScreen.left), Math.round(onScreen.right)];
      faults.push(`${what} runs off the screen (${from} to ${to} px of ${screenWidth})`);
    }
    if (inSentence(el)) continue;
    if (box.width < minTarget - 0.01 || box.height < minTarget - 0.01) {
      faults.push(`${describe(el)} is ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px`);
    }
  }
  return faults;
}"""


def layout_faults(page: Page) -> list[str]:
    return page.evaluate(CHECK_LAYOUT, MIN_TARGET)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_page_fits_a_phone_with_controls_big_enough(
    live_server, browser: Browser, transactional_db, lang
):
    site = build_site()
    faults: dict[str, list[int]] = {}  # "page: what is wrong" -> the widths it is wrong at
    seen = []
    phone = {"width": WIDTHS[0], "height": 720}
    for stop, page in walk(browser, site, live_server.url, lang, viewport=phone):
        seen.append(stop.name)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 720})
            for fault in layout_faults(page):
                faults.setdefault(f"{stop.name}: {fault}", []).append(width)
    assert sorted(seen) == sorted(stop.name for stop in site.stops)
    report = "\n".join(f"{fault} (at {widths} px)" for fault, widths in faults.items())
    assert not faults, f"{len(faults)} faults in {lang}:\n{report}"


def test_the_check_finds_a_page_too_wide_and_a_target_too_small(page: Page):
    """Guards the guard: a wide row of buttons, a tiny link alone, a tiny link in a sentence."""
    page.set_viewport_size({"width": 320, "height": 600})
    page.set_content(
        "<html><body style='margin:0'>"
        "<div style='display:grid;grid-template-columns:repeat(4, 120px)'>"
        "<button>Again</button><button>Hard</button><button>Good</button><button>Easy</button>"
        "</div><p><a href='#' style='font-size:10px'>alone</a></p>"
        "<p>A sentence with <a href='#' style='font-size:10px'>a link</a> in it.</p>"
        "</body></html>"
    )
    faults = layout_faults(page)
    assert any("wide on a 320px screen" in f for f in faults)
    assert any('"Easy" runs off the screen' in f for f in faults)
    assert any('"alone" is' in f for f in faults)
    assert not any('"a link"' in f for f in faults)
