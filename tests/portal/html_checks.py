"""Checks on a rendered page's HTML, with the standard library's parser (no browser)."""

from collections import Counter
from html.parser import HTMLParser

_CONTROLS = {"input", "textarea", "select"}
_UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.label_texts: dict[str, str] = {}  # label's `for` → its text
        self.controls: list[dict] = []
        self._label_depth = 0
        self._label_target = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "label":
            self._label_depth += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
                self._label_target = attributes["for"]
                self.label_texts[self._label_target] = ""
        if tag in _CONTROLS and attributes.get("type") not in _UNLABELLED_TYPES:
            self.controls.append({**attributes, "_tag": tag, "_in_label": self._label_depth > 0})

    def handle_data(self, data):
        if self._label_target:
            self.label_texts[self._label_target] += data

    def handle_endtag(self, tag):
        if tag == "label" and self._label_depth:
            self._label_depth -= 1
            self._label_target = ""


def collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def repeated_ids(html: str) -> list[str]:
    """Every id that occurs more than once on the page."""
    return sorted(i for i, n in Counter(collect(html).ids).items() if n > 1)


def unlabelled_controls(html: str) -> list[str]:
    """The name (or id) of every form control without an accessible name."""
    page = collect(html)
    return [
        control.get("name") or control.get("id") or control["_tag"]
        for control in page.controls
        if not (
            control["_in_label"]
            or control.get("aria-label")
            or control.get("aria-labelledby")
            or (control.get("id") and control["id"] in page.label_for)
        )
    ]


def controls_labelled(html: str, text: str) -> list[dict]:
    """The form controls whose `<label for>` contains `text` (as Playwright's
    get_by_label finds them), each as its attributes."""
    page = collect(html)
    wanted = " ".join(text.split())
    return [
        control
        for control in page.controls
        if wanted in " ".join(page.label_texts.get(control.get("id", ""), "").split())
    ]
