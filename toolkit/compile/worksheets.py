"""Worksheets, three ways: a fill-in page, a blank paper version, and plain text.

The fill-in page is private by construction: fields are not inside a form that
can be submitted (no action, and the page's CSP says form-action 'none'),
autocomplete is off so the browser neither suggests nor restores answers, and
nothing is written to storage. Answers exist only in the open page.
"""

from __future__ import annotations

import textwrap
from html import escape

from ..content.fields import Record
from ..content.strings import Strings


def _field_id(sheet: Record, section: int, field: int, option: int | None = None) -> str:
    base = f"ws-{sheet.id}-{section + 1}-{field + 1}"
    return base if option is None else f"{base}-{option + 1}"


def form_html(sheet: Record, strings: Strings) -> str:
    """The interactive page body: labelled fields, a clear button and print advice."""
    parts = [
        f'<p class="tk-lead">{escape(sheet.intro)}</p>',
        f'<p class="tk-worksheet__privacy">{escape(strings.text("worksheets.privacy"))}</p>',
        f'<form class="tk-worksheet" id="ws-{sheet.id}" autocomplete="off" data-tk-worksheet>',
    ]
    for s_index, section in enumerate(sheet.sections):
        parts.append(f'<fieldset class="tk-worksheet__section"><legend>{escape(section.heading)}</legend>')
        for f_index, field in enumerate(section.fields):
            field_id = _field_id(sheet, s_index, f_index)
            hint_id = f"{field_id}-hint"
            hint = f'<p class="tk-hint" id="{hint_id}">{escape(field.hint)}</p>' if field.hint else ""
            described = f' aria-describedby="{hint_id}"' if field.hint else ""
            if field.kind == "checklist":
                parts.append(f'<fieldset class="tk-worksheet__checklist"{described}>'
                             f"<legend>{escape(field.label)}</legend>{hint}<ul>")
                for o_index, option in enumerate(field.options):
                    option_id = _field_id(sheet, s_index, f_index, o_index)
                    parts.append(f'<li><input type="checkbox" id="{option_id}">'
                                 f'<label for="{option_id}">{escape(option)}</label></li>')
                parts.append("</ul></fieldset>")
            elif field.kind == "scale":
                parts.append(f'<div class="tk-worksheet__field"><label for="{field_id}">{escape(field.label)}'
                             f" {escape(strings.text('worksheets.scale'))}</label>{hint}"
                             f'<input type="number" id="{field_id}" min="0" max="10" inputmode="numeric" '
                             f'autocomplete="off"{described}></div>')
            else:
                rows = max(2, field.lines)
                parts.append(f'<div class="tk-worksheet__field"><label for="{field_id}">{escape(field.label)}</label>'
                             f'{hint}<textarea id="{field_id}" rows="{rows}" autocomplete="off" '
                             f'spellcheck="false"{described}></textarea></div>')
        parts.append("</fieldset>")
    parts.append('<div class="tk-worksheet__actions">'
                 f'<button type="reset" class="tk-button">{escape(strings.text("worksheets.clear"))}</button>'
                 '<button type="button" class="tk-button tk-button--secondary" data-tk-print hidden>'
                 f'{escape(strings.text("worksheets.print"))}</button>'
                 "</div></form>")
    return "\n".join(parts)


def paper_html(sheet: Record, *, heading_level: int = 2) -> str:
    """A blank version for printing: questions with ruled lines or tick boxes to fill by hand."""
    h = f"h{heading_level}"
    sub = f"h{heading_level + 1}"
    parts = [f'<section class="tk-paper-worksheet" id="paper-{sheet.id}">',
             f"<{h}>{escape(sheet.title)}</{h}>", f"<p>{escape(sheet.intro)}</p>"]
    for section in sheet.sections:
        parts.append(f"<{sub}>{escape(section.heading)}</{sub}>")
        for field in section.fields:
            parts.append(f'<div class="tk-paper-field"><p class="tk-paper-field__label">{escape(field.label)}</p>')
            if field.hint:
                parts.append(f'<p class="tk-hint">{escape(field.hint)}</p>')
            if field.kind == "checklist":
                parts.append('<ul class="tk-paper-checklist">' + "".join(
                    f'<li><span class="tk-box" aria-hidden="true"></span> {escape(option)}</li>'
                    for option in field.options) + "</ul>")
            elif field.kind == "scale":
                parts.append('<p class="tk-paper-scale">0 &nbsp; 1 &nbsp; 2 &nbsp; 3 &nbsp; 4 &nbsp; 5 &nbsp; '
                             "6 &nbsp; 7 &nbsp; 8 &nbsp; 9 &nbsp; 10</p>")
            else:
                lines = "".join(
                    f'<span class="tk-line">{f"{n + 1}." if field.kind == "list" else ""}</span>'
                    for n in range(field.lines))
                parts.append(f'<div class="tk-lines" aria-hidden="true">{lines}</div>')
            parts.append("</div>")
    parts.append("</section>")
    return "\n".join(parts)


def plain_text(sheet: Record, width: int = 72) -> str:
    """The worksheet as a text file, for the offline bundle and for copying into any editor."""
    out = [sheet.title, "=" * len(sheet.title), ""]
    out += textwrap.wrap(sheet.intro, width) + [""]
    for section in sheet.sections:
        out += [section.heading, "-" * len(section.heading), ""]
        for field in section.fields:
            out += textwrap.wrap(field.label, width)
            if field.hint:
                out += textwrap.wrap(f"({field.hint})", width)
            if field.kind == "checklist":
                out += [f"[ ] {option}" for option in field.options]
            elif field.kind == "scale":
                out.append("0  1  2  3  4  5  6  7  8  9  10   My answer: ____")
            else:
                for n in range(field.lines):
                    out.append(f"{n + 1}. ____" if field.kind == "list" else "_" * 60)
            out.append("")
    return "\n".join(out).rstrip() + "\n"
