"""Writing a candidate's answers (autosave), with the optimistic lock on revisions."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import limits
from portfolio import entries
from portfolio.errors import PortfolioError, StaleAnswer
from portfolio.models import Answer, Portfolio
from portfolio.services.common import check_date, locked_draft
from profiles.enums import AnswerKind


def _check_target(portfolio: Portfolio, target) -> dict:
    """The Answer lookup for a question, criterion or product question of this version."""
    if target.framework_version.pk != portfolio.framework_version_id:
        raise PortfolioError(_("Deze vraag hoort niet bij jouw portfolio."))
    name = entries.target_name(target)
    if name == "question" and target.answer_kind == AnswerKind.UPLOAD:
        raise PortfolioError(_("Bij deze vraag hoort een document, geen tekst."))
    if name == "criterion" and target.answer_kind == AnswerKind.PRODUCT:
        raise PortfolioError(_("Beantwoord de genummerde vragen van dit beroepsproduct."))
    return {name: target}


@transaction.atomic
def save_answer(
    *,
    portfolio: Portfolio,
    target,
    text: str = "",
    date_value=None,
    base_revision: int,
) -> Answer:
    """Save a draft answer. `base_revision` is the revision the editor started from
    (0 for a new answer); a save from an older revision raises `StaleAnswer`.

    Side effects: increments the revision. Never deletes other answers.
    """
    limits.ANSWER.check(text, error=PortfolioError)
    check_date(date_value)
    portfolio = locked_draft(portfolio, entries.section_code(target))
    lookup = _check_target(portfolio, target)
    answer = Answer.objects.select_for_update().filter(portfolio=portfolio, **lookup).first()
    current_revision = answer.revision if answer else 0
    if base_revision != current_revision:
        raise StaleAnswer(answer)
    if answer is None:
        answer = Answer(portfolio=portfolio, revision=0, **lookup)
    answer.text = text
    answer.date_value = date_value
    answer.revision += 1
    answer.save()
    Portfolio.objects.filter(pk=portfolio.pk).update(updated_at=timezone.now())
    return answer
