"""The task page's repeated fragments on Jinja2 (`portal.jinja`, templates in
portfolio/jinja2/): its criteria with their text boxes, the boxes of its questions, the
privacy warnings under a box. A task page holds up to ~30 boxes, and on Django's engine
their includes, forms and warnings were most of the page's time. Labels are translated
here, once per page."""

from django.template import defaultfilters
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import jinja
from portal.kept import kept_html
from portfolio.enums import EntryState
from portfolio.page_index import page_index
from profiles.selectors import content_stamp

BOX = "portfolio/_answer.html"
CRITERIA = "portfolio/_criteria.html"
FINDINGS = "portfolio/_privacy_findings.html"
PREVIEW = "portfolio/_preview_body.html"
BADGE = "portfolio/_progress_badge.html"
NAV = "portfolio/_progress_nav.html"
INDEX = "portfolio/_page_index.html"
INDEX_STATES = "portfolio/_page_index_states.html"
DASHBOARD_SECTIONS = "portfolio/_dashboard_sections.html"


def findings_html(target: str, findings, *, oob: bool) -> SafeString:
    """The warnings under the box `target` (on the task page, and swapped in out of band
    by the autosave's answer)."""
    return jinja.render(
        FINDINGS,
        {"target": target, "findings": findings, "oob": oob, "in_text": _("In de tekst:")},
    )


def _badge_labels() -> dict:
    return {"exempt": _("vrijgesteld"), "complete": _("compleet")}


def badge_html(item, *, oob: bool) -> SafeString:
    """A section's progress badge (`item`: a SectionProgress) for the autosave's answer."""
    return jinja.render(BADGE, {"item": item, "oob": oob, "labels": _badge_labels()})


def nav_html(portfolio, sections, current: str, version) -> SafeString:
    """The task page's sidebar: every section (SectionProgress) with its badge; kept per
    what it shows (`portal.kept`): the version's content, the portfolio, the page's
    section and each section's count (`version` from version_with_content)."""
    shown = (
        content_stamp(version),
        portfolio.pk,
        current,
        [(s.section.code, s.required, s.complete, s.done, s.total) for s in sections],
    )
    return kept_html("progress-nav", shown, lambda: _nav(portfolio, sections, current))


def _nav(portfolio, sections, current: str) -> SafeString:
    labels = {
        **_badge_labels(),
        "nav": _("Onderdelen van het portfolio"),
        "overview": _("Overzicht en voortgang"),
    }
    return jinja.render(
        NAV,
        {
            "sections": [
                (item, reverse("portfolio:section", args=[portfolio.pk, item.section.code]))
                for item in sections
            ],
            "current": current,
            "dashboard_url": reverse("portfolio:dashboard", args=[portfolio.pk]),
            "labels": labels,
        },
    )


def _looks() -> dict:
    """How the index shows each state: a sign to see at a glance, a class, the word (read
    by a screen reader, and in the legend)."""
    signs = {
        EntryState.DONE: ("✓", "page-index-done"),
        EntryState.OPEN: ("○", ""),
        EntryState.PROBLEM: ("!", "page-index-problem"),
    }
    return {
        state: {"symbol": symbol, "css": css, "label": str(state.label)}
        for state, (symbol, css) in signs.items()
    }


def index_html(walked, section_progress, version) -> SafeString:
    """The task page's index of the section's entries `walked` (as `entries.walk` gives
    them); "" when the page has no items to list. Kept per what it shows (`portal.kept`):
    the version's content, the section and each item's state (`version` from
    version_with_content)."""
    states = section_progress.states
    if not states:
        return mark_safe("")
    shown = (content_stamp(version), section_progress.section.code, sorted(states.items()))
    return kept_html("page-index", shown, lambda: _index(page_index(walked, section_progress)))


def _index(index) -> SafeString:
    if not index:
        return mark_safe("")
    looks = _looks()
    return jinja.render(
        INDEX,
        {
            "index": index,
            "looks": looks,
            "legend": list(looks.values()),
            "labels": {"nav": _("Op deze pagina")},
        },
    )


def index_states_html(section_progress, slots) -> SafeString:
    """The states of the index's entries `slots` (of the saved section), as its progress
    counts them now: for the autosave's answer to swap in out of band."""
    states = section_progress.states
    return jinja.render(
        INDEX_STATES,
        {"states": [(s, states[s]) for s in slots if s in states], "looks": _looks()},
    )


def dashboard_sections_html(progress, portfolio_pk: int) -> SafeString:
    """The dashboard's table rows: per section its progress and what is still to do,
    each linking to its place on the section's task page."""
    rows = [
        (item, reverse("portfolio:section", args=[portfolio_pk, item.section.code]))
        for item in progress.sections
    ]
    labels = {"exempt": _("Vrijgesteld"), "complete": _("Compleet")}
    return jinja.render(DASHBOARD_SECTIONS, {"rows": rows, "labels": labels})


def saved_text(moment) -> SafeString:
    """ "Opgeslagen om 14:05" (local time), "" before the first save."""
    if moment is None:
        return mark_safe("")
    local = timezone.localtime(moment).strftime("%H:%M")  # as the template filter time:"H:i"
    return mark_safe(_("Opgeslagen om %(time)s") % {"time": local})  # noqa: S308


def _with_texts(box: dict) -> dict:
    box["saved"] = saved_text(box["saved_at"])
    box["guide"] = (
        mark_safe(  # noqa: S308 - a translation of ours around a number
            _("richtlijn: ongeveer %(words)s woorden, geen maximum")
            % {"words": conditional_escape(box["word_guide"])}
        )
        if box["word_guide"]
        else ""
    )
    return box


def page_texts(*, editable: bool, autosave_url: str, csrf_token: str) -> dict:
    """What every box of a page shares (`page` in the templates)."""
    return {
        "editable": editable,
        "autosave_url": autosave_url,
        "csrf_token": csrf_token,
        "no_words": ngettext("%(words)s woord", "%(words)s woorden", 0) % {"words": 0},
        "save": _("Opslaan"),
        "in_text": _("In de tekst:"),
    }


def box_html(box: dict, page: dict) -> SafeString:
    """One text box (a question's)."""
    return jinja.render(BOX, {"page": page, "box": _with_texts(box)})


def criteria_html(criteria: list[dict], page: dict) -> SafeString:
    """Every criterion of the page with its boxes and its guidance, indicators, examples."""
    for item in criteria:
        for box in item["boxes"]:
            _with_texts(box)
        item["aside_label"] = mark_safe(  # noqa: S308 - a translation of ours around a code
            _("Indicatoren en handreiking bij %(code)s")
            % {"code": conditional_escape(item["criterion"].code)}
        )
    labels = {
        "guidance": _("Handreiking"),
        "indicators": _("Indicatoren"),
        "examples": _("Voorbeelden als handreiking"),
        "office_note": _("Toelichting van het bureau:"),
    }
    return jinja.render(CRITERIA, {"criteria": criteria, "page": page, "labels": labels})


def _translated(message: str, **values) -> SafeString:
    """A translation of ours with values put in escaped (as {% blocktranslate %} does)."""
    return mark_safe(_(message) % {k: conditional_escape(v) for k, v in values.items()})  # noqa: S308


def _signed(signature) -> SafeString:
    return _translated(
        "Ondertekend door %(name)s op %(date)s",
        name=signature.full_name,
        date=defaultfilters.date(signature.signed_on, "j-n-Y"),
    )


def preview_body(*, portfolio, version, snapshot, sections) -> SafeString:
    """The whole portfolio as one document (`selectors.preview_context`'s values)."""
    labels = {
        "title": _translated("Portfolio van %(name)s", name=portfolio.candidate.get_full_name()),
        "version": _translated("versie %(number)s", number=version.number),
        "route": _("Route:"),
        "fingerprint": _("SHA-256-vingerafdruk:"),
        "exempt": _("vrijgesteld"),
        "not_signed": _("Niet ondertekend."),
        "empty": _("Nog niet ingevuld."),
    }
    return jinja.render(
        PREVIEW,
        {
            "portfolio": portfolio,
            "version": version,
            "snapshot": snapshot,
            "sections": sections,
            "labels": labels,
            "signed": _signed,
        },
    )
