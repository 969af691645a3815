from assessment.demo import agree_all, hold_interview, score_all

__all__ = ["agree_everything", "hold_interview", "score_everything"]


def score_everything(assignment, actor, *, option_code="aangetoond", overrides=None):
    assert assignment.assessor_id == actor.pk
    return score_all(assignment, actor, option_code=option_code, overrides=overrides)


def agree_everything(first, second, assessor, second_assessor, *, overrides=None):
    assert (first.assessor_id, second.assessor_id) == (assessor.pk, second_assessor.pk)
    return agree_all(first, second, overrides=overrides)
