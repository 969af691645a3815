"""What an autosave answers besides "saved": the progress of the section it changed."""

from portfolio import entries, selectors
from portfolio.progress import SectionProgress


def section_progress_of(portfolio, target) -> SectionProgress | None:
    """The progress of the section that holds `target` (a question, criterion or product
    question), counted as the sidebar counts it; None when the section is not found."""
    section_id = getattr(target, "section_id", None) or target.criterion.section_id
    progress = selectors.portfolio_progress(selectors.portfolio_content(portfolio))
    return next((p for p in progress.sections if p.section.pk == section_id), None)


def index_slots_of(target) -> list[str]:
    """The entries of the task page's index whose state a save of `target` can change: its
    own and, for a product's question, its criterion's."""
    slots = [entries.slot(target)]
    if entries.target_name(target) == "product_question":
        slots.append(entries.slot(target.criterion))
    return slots
