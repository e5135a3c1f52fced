/* A keyboard walk as a sighted keyboard user makes it, done inside the page (tests/browser/test_focus_walk.py).

   First, the root's scroll padding is compared with the sticky header's measured height. Then
   every control is focused in sequential navigation order, forwards from the first and then
   backwards from the last, the way Tab and Shift+Tab move. element.focus() scrolls the page
   exactly as Tab does (scroll into view only if not already inside the scrollport less its
   scroll padding); test_focus_walk.py proves that against real key presses. At each stop:

   - the focused element is inside the viewport (one taller than the room below the sticky
     header: from its top, and only its visible part is checked for covering);
   - nothing covers it: elementFromPoint at the centre and the four corners of each of its boxes
     finds the element itself or something inside it;
   - its focus indicator has at least 3:1 contrast against what surrounds it, from computed
     styles: the outline, each box shadow at least 2 px thick, or the change of background;
   - it comes after the previous stop in reading order: lower on the page, or further along
     the same line, inside its region of the layout; and each new region starts below or
     after the end of the previous one (reading direction follows the page's `dir`).

   Returns {stops, problems, scrolls}: scrolls is the page's scroll position after each stop. */
(regions) => {
  const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
  const problems = [];
  const scrolls = [];
  const rtl = getComputedStyle(document.body).direction === "rtl";

  const describe = (e) => {
    const text = (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
    return `<${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).split(" ")[0] : ""}> "${text.slice(0, 40)}"`;
  };

  // The scroll padding must be at least the sticky header's height, measured here at this width.
  const header = document.querySelector(regions[0]);
  const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingBlockStart) || 0;
  if (header && ["sticky", "fixed"].includes(getComputedStyle(header).position) && padding < header.offsetHeight) {
    problems.push(`scroll padding ${padding}px is less than the sticky header's ${header.offsetHeight}px`);
  }

  const controls = Array.from(document.querySelectorAll(FOCUSABLE)).filter(
    (e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}));
  // With a positive tabindex the order would no longer be the document order walked here.
  controls.filter((e) => e.tabIndex > 0).forEach((e) => problems.push(`positive tabindex on ${describe(e)}`));

  const channels = (colour) => {
    const m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const luminance = ({r, g, b}) => {
    const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (x, y) => {
    const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05);
  };
  // The colour behind an element: the first opaque background among its ancestors.
  const backdrop = (e) => {
    for (let node = e; node && node.nodeType === 1; node = node.parentElement) {
      const colour = channels(getComputedStyle(node).backgroundColor);
      if (colour && colour.a === 1) return colour;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const shadows = (value) => value === "none" ? [] : value.split(/,(?![^(]*\))/).map((part) => {
    const colour = channels(part);
    const lengths = part.replace(/rgba?\([^)]*\)/, "").trim().split(/\s+/).filter((t) => t !== "inset").map(parseFloat);
    const [x = 0, y = 0, , spread = 0] = lengths;
    return {colour, inset: part.includes("inset"), thickness: Math.max(Math.abs(x), Math.abs(y), spread)};
  });

  // The best contrast any part of the focus indicator has with the colours next to it, given the
  // element's look before it had focus; 0 if focus changes nothing.
  const look = (style) => [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
    style.backgroundColor].join();
  const indicator = (e, unfocused, unfocusedBackground) => {
    const after = getComputedStyle(e);
    if (look(after) === unfocused) return 0;
    const around = backdrop(e.parentElement);
    const focusedBackground = backdrop(e);
    const ratios = [contrast(focusedBackground, unfocusedBackground)];
    if (after.outlineStyle !== "none" && parseFloat(after.outlineWidth) >= 2) {
      // An outline drawn over the element (negative offset) lies against its own background.
      ratios.push(contrast(channels(after.outlineColor), parseFloat(after.outlineOffset) < 0 ? focusedBackground : around));
    }
    for (const shadow of shadows(after.boxShadow)) {
      if (shadow.colour && shadow.colour.a === 1 && shadow.thickness >= 2) {
        ratios.push(contrast(shadow.colour, shadow.inset ? focusedBackground : around));
      }
    }
    return Math.max(...ratios);
  };

  const covered = (e, tall) => {
    const hits = [];
    // Corners are tested 2 px inside the box, and further in where it is rounded (a rounded
    // corner's own pixels belong to what is behind it).
    const style = getComputedStyle(e);
    const radius = Math.max(...["TopLeft", "TopRight", "BottomLeft", "BottomRight"]
      .map((corner) => parseFloat(style[`border${corner}Radius`]) || 0));
    const inset = 2 + 0.3 * radius;
    for (const whole of e.getClientRects()) {
      const box = tall ? new DOMRect(whole.x, whole.y, whole.width, Math.min(whole.bottom, innerHeight) - whole.y) : whole;
      if (box.width < 1 || box.height < 1) continue;
      const dx = Math.min(inset, box.width / 2), dy = Math.min(inset, box.height / 2);
      const points = [[box.left + box.width / 2, box.top + box.height / 2], [box.left + dx, box.top + dy],
        [box.right - dx, box.top + dy], [box.left + dx, box.bottom - dy], [box.right - dx, box.bottom - dy]];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || (hit !== e && !e.contains(hit))) {
          hits.push(`(${Math.round(x)},${Math.round(y)}) ${hit ? describe(hit) : "outside the viewport"}`);
        }
      }
    }
    return hits;
  };

  const regionOf = (e) => regions.map((selector) => e.closest(selector)).find(Boolean) || document.body;
  // Page coordinates along the reading direction: `start` grows in reading order on a line.
  const span = (box) => ({
    top: box.top + scrollY, bottom: box.bottom + scrollY, start: rtl ? -(box.right + scrollX) : box.left + scrollX,
  });
  const TOLERANCE = 2;
  // Is `b` after `a` in reading order: below it, or starting further along the same line?
  const follows = (a, b) => b.top >= a.bottom - TOLERANCE
    || (b.top < a.bottom && b.bottom > a.top && b.start >= a.start - TOLERANCE);

  const walk = (order, label) => {
    let previous = null;
    document.activeElement.blur();  // so the first stop's look without focus can be read
    for (const e of order) {
      const unfocused = look(getComputedStyle(e));
      const unfocusedBackground = backdrop(e);
      e.focus();  // scrolls as Tab would
      scrolls.push([scrollX, scrollY]);
      const where = `${label} ${describe(e)}`;
      const box = e.getBoundingClientRect();
      // A control taller than the room below the sticky header (a big text field at 400% zoom)
      // cannot be shown whole: it must then show from its top, and that part is checked.
      const room = innerHeight - (header ? Math.max(0, header.getBoundingClientRect().bottom) : 0);
      const tall = box.height > room;
      if (box.left < -1 || box.right > innerWidth + 1 || box.top < -1 || (!tall && box.bottom > innerHeight + 1)) {
        problems.push(`${where}: outside the viewport (${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)})`);
      }
      const hits = covered(e, tall);
      if (hits.length) problems.push(`${where}: covered at ${hits.slice(0, 2).join("; ")}`);
      const ratio = indicator(e, unfocused, unfocusedBackground);
      if (ratio < 3) problems.push(`${where}: focus indicator contrast ${ratio.toFixed(2)}:1`);
      const region = regionOf(e);
      const regionBox = region.getBoundingClientRect();
      // Within its region, relative to the region (which may be sticky); a link that wraps
      // starts on its first line and ends on its last.
      const local = (line) => ({top: line.top - regionBox.top, bottom: line.bottom - regionBox.top,
        start: rtl ? regionBox.right - line.right : line.left - regionBox.left});
      const lines = Array.from(e.getClientRects()).filter((line) => line.width >= 1);
      const current = {element: e, region, first: local(lines[0] || box), last: local(lines.at(-1) || box),
        regionSpan: span(regionBox)};
      if (previous) {
        const [first, second] = label === "forwards" ? [previous, current] : [current, previous];
        const inOrder = first.region === second.region
          ? follows(first.last, second.first)
          : follows(first.regionSpan, second.regionSpan);
        if (!inOrder) problems.push(`${where}: not in visual order after ${describe(previous.element)}`);
      }
      previous = current;
    }
  };

  walk(controls, "forwards");
  walk(controls.slice().reverse(), "backwards");
  return {stops: controls.length * 2, problems, scrolls};
}
