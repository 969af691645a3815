"""The comparison page's rows (one per criterion: both scores and the joint verdict's
fields), rendered on Jinja2 (`assessment.jinja`): 22 rows with a select of every score
option each were some 800 template nodes on Django's engine, most of the page's time."""

from django.utils.translation import gettext as _

from assessment import jinja

TEMPLATE = "assessment/_compare_row.html"  # under assessment/jinja2/


def attach(rows: list[dict], *, editable: bool) -> None:
    """Give every row of the comparison its markup (`row["html"]`)."""
    page = {
        "editable": editable,
        "labels": {
            "differ": _("verschil"),
            "question": _("Vraag:"),
            "joint": _("Gezamenlijke score"),
            "reason_required": _("Toelichting (verplicht bij verschil)"),
            "reason": _("Toelichting"),
        },
    }
    for row in rows:
        row["html"] = jinja.render(TEMPLATE, {**page, "row": row})
