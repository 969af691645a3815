import pytest

from assessment import demo as assessment_demo
from objections import demo
from objections.enums import ObjectionState
from objections.models import Objection
from portal.demo import ensure_demo_accounts


@pytest.mark.django_db
def test_the_demo_has_one_objection_in_progress_once(seeded_version):
    ensure_demo_accounts()
    assessment_demo.seed_demo()
    assert demo.seed_demo() == [
        "bezwaar van kandidaat9@demo.registerjobcoach.nl: In behandeling bij de bezwaarcommissie"
    ]
    assert demo.seed_demo() == []  # idempotent
    objection = Objection.objects.get()
    assert (objection.state, objection.member.email) == (
        ObjectionState.IN_REVIEW,
        "bezwaar@demo.registerjobcoach.nl",
    )
    assert objection.declared_at is not None
