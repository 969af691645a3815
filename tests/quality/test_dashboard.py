"""The quality dashboard on constructed data: figures, flags, drift, access, queries."""

import csv
import io
from datetime import date, datetime
from unittest.mock import patch

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assessment.models import Assessment, Review, Score
from quality import demo, selectors, stored
from quality.figures import figures
from quality.forms import PeriodForm
from quality.models import QualitySettings
from quality.selectors import Period
from quality.tasks import compute_figures
from tests.clock import AMSTERDAM
from tests.factories.users import UserFactory

URL = reverse("quality:dashboard")


def _at(year, month, day=15):
    return datetime(year, month, day, 12, tzinfo=AMSTERDAM)


@pytest.fixture
def world(seeded_version, assessor, second_assessor):
    """Two criteria over two quarters: C1.0 always agreed, C1.1 often not."""
    options = {o.code: o for o in seeded_version.score_options.all()}
    criteria = list(seeded_version.sections.get(code="C1").criteria.order_by("number")[:2])
    met, ask, no = options["aangetoond"], options["toelichten"], options["niet_aangetoond"]
    people = demo.candidates("q", 24)

    def review(i, when, second_c11):
        return demo.scored_review(
            version=seeded_version,
            candidate=people[i],
            first=assessor,
            second=second_assessor,
            when=when,
            scorings=[
                demo.Scoring(criteria[0], met, met, met),
                demo.Scoring(criteria[1], met, second_c11, met, final=met),
            ],
        )

    # Q1 2026: 12 reviews, C1.1 second assessor says "toelichten" in 6 (stricter).
    for i in range(12):
        review(i, _at(2026, 2), ask if i % 2 else met)
    # Q2 2026: 12 reviews, the second assessor says "niet aangetoond" on C1.1 in all.
    for i in range(12, 24):
        review(i, _at(2026, 5), no)
    return {"criteria": criteria, "options": options}


def _get(client, htmx=False, **params):
    query = {"van": "2026-01-01", "tot": "2026-06-30"} | params
    return client.get(URL, query, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))


def test_office_sees_figures_flags_and_drift(office_client, world, second_assessor):
    QualitySettings.objects.create(threshold="0.40", min_pairs=10)
    response = _get(office_client)
    assert response.status_code == 200
    rows = {r.criterion.pk: r for r in response.context["figures"]["criteria"]}
    c10, c11 = (rows[c.pk] for c in world["criteria"])
    assert (c10.agreement.pairs, c10.agreement.percent.value) == (24, 1.0)
    assert c10.agreement.kappa.value is None  # one category only
    assert c10.agreement.ac1.value == pytest.approx(1.0)
    assert not c10.flagged
    # C1.1: 6 of 24 alike; the first assessor always "aangetoond": kappa 0 → flagged.
    assert c11.agreement.percent.value == pytest.approx(6 / 24)
    assert c11.agreement.kappa.value == pytest.approx(0.0)
    assert c11.flagged
    assert [r.criterion for r in response.context["figures"]["flagged"]] == [c11.criterion]
    # The second assessor: stricter on 6 + 12 of 48 scores.
    shown = response.context["figures"]
    second = next(a for a in shown["assessors"] if a.assessor == second_assessor)
    assert second.stricter.value == pytest.approx(18 / 48)
    assert second.interview_share.value == pytest.approx(6 / 48)
    assert second.equals_agreed.value == pytest.approx(30 / 48)
    # Drift of the second assessor: alike 18/24, stricter 6/24 in Q1; 12/24 and 12/24 in
    # Q2. Band around Q1 over Q2's 12 portfolios: 0.75 ± 1.96 · √(0.1875 / 12) =
    # 0.505 – 0.995 (alike), 0.005 – 0.495 (stricter): Q2 lies outside both.
    drift = dict(response.context["figures"]["drift"])[second_assessor]
    assert [(p.label, p.pairs, p.alike, p.stricter, p.warning) for p in drift] == [
        ("2026-K1", 24, 0.75, 0.25, False),
        ("2026-K2", 24, 0.5, 0.5, True),
    ]
    html = response.content.decode()
    assert html.count("<svg") == 3
    assert 'role="img"' in html
    assert "<figcaption>" in html
    assert 'id="heatmap-table"' in html
    assert "<script" not in html.split("<main", 1)[-1]
    assert "style=" not in html


def test_no_drift_warning_within_the_band(office_client, world, second_assessor):
    # With 13 portfolios a quarter required per judgement nothing is judged.
    QualitySettings.objects.create(threshold="0.40", min_pairs=25)
    response = _get(office_client)
    assert response.context["figures"]["warnings"] == []


def test_threshold_is_data(office_client, world):
    QualitySettings.objects.create(threshold="-0.50", min_pairs=10)
    response = _get(office_client)
    assert response.context["figures"]["flagged"] == []
    QualitySettings.objects.update(coefficient="ac1", threshold="0.90")
    assert len(_get(office_client).context["figures"]["flagged"]) == 1


def test_too_few_pairs_are_not_flagged(office_client, world):
    QualitySettings.objects.create(threshold="0.40", min_pairs=25)
    response = _get(office_client)
    assert response.context["figures"]["flagged"] == []
    assert all(r.too_few for r in response.context["figures"]["criteria"])


@pytest.mark.parametrize("user_kind", ["candidate", "assessor", "outsider"])
def test_others_get_404(client, request, user_kind, world):
    client.force_login(request.getfixturevalue(user_kind))
    assert client.get(URL).status_code == 404
    assert client.get(reverse("quality:pairs_csv")).status_code == 404


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _count_queries(client, django_assert_num_queries) -> None:
    # session, user, versions (the form picks the chosen one among them), settings, the
    # data stamp.
    with django_assert_num_queries(5):
        response = _get(client)
    assert response.status_code == 200
    assert not response.context["stale"]


def test_query_count_is_constant(
    office_client, seeded_version, assessor, second_assessor, django_assert_num_queries
):
    """The page reads kept figures and the stamp: the same few queries whatever the data
    size (the stamp is two primary-key lookups, not a scan of the scores)."""
    options = {o.code: o for o in seeded_version.score_options.all()}
    criterion = seeded_version.sections.get(code="C1").criteria.first()
    people = demo.candidates("k", 30)
    third = UserFactory(email="derde@example.nl", role="assessor")
    pairs = [(assessor, second_assessor), (second_assessor, third), (third, assessor)]

    def add(i, first, second):
        demo.scored_review(
            version=seeded_version,
            candidate=people[i],
            first=first,
            second=second,
            when=_at(2026, 3),
            scorings=[
                demo.Scoring(
                    criterion, options["aangetoond"], options["toelichten"], options["aangetoond"]
                )
            ],
        )

    QualitySettings.objects.create()
    add(0, assessor, second_assessor)
    _get(office_client)  # the session's first request; the (eager) task stores the figures
    _count_queries(office_client, django_assert_num_queries)
    for i in range(1, 30):
        add(i, *pairs[i % 3])
    _get(office_client)  # stale: the eager task computes them again
    _count_queries(office_client, django_assert_num_queries)
    assert _get(office_client).context["figures"]["criteria"][0].agreement.pairs == 30


def test_stale_figures_are_shown_and_one_recomputation_queued(office_client, world):
    before = _get(office_client).context["figures"]["criteria"][0].agreement.pairs
    assessment = Assessment.objects.filter(assignment__review=Review.objects.first()).first()
    assessment.submitted_at = None  # e.g. the admin reopens it: its pairs no longer count
    assessment.save(update_fields=["submitted_at"])
    with patch("quality.tasks.compute_figures.delay") as delay:
        first, second = _get(office_client), _get(office_client)
    assert delay.call_count == 1  # the second visit finds it in flight
    for response in (first, second):
        assert response.context["stale"]
        assert response.context["figures"]["criteria"][0].agreement.pairs == before
        assert 'id="computed-at"' in response.content.decode()
    compute_figures(**delay.call_args.kwargs)  # the worker runs it
    fresh = _get(office_client)
    assert not fresh.context["stale"]
    assert fresh.context["figures"]["criteria"][0].agreement.pairs == before - 1


def test_a_score_changed_in_place_shows_on_the_next_visit(office_client, world):
    """A submitted score edited in place (same count, same ids): the stamp moves, the next
    visit recomputes (eager here) and shows the new figure."""
    c10 = world["criteria"][0]
    assert _get(office_client).context["figures"]["criteria"][0].agreement.percent.value == 1.0
    score = Score.objects.filter(criterion=c10).order_by("pk").first()
    score.option = world["options"]["niet_aangetoond"]
    score.save()
    response = _get(office_client)
    assert not response.context["stale"]
    percent = response.context["figures"]["criteria"][0].agreement.percent
    assert percent.value == pytest.approx(23 / 24)


def test_an_edit_that_changes_no_figure_keeps_them_current(office_client, world):
    _get(office_client)
    Review.objects.first().save()  # a workflow transition: no figure moves
    with patch("quality.tasks.compute_figures.delay") as delay:
        assert not _get(office_client).context["stale"]
    assert delay.call_count == 0


def test_without_figures_a_waiting_page_polls_until_they_are_there(office_client, world):
    with patch("quality.tasks.compute_figures.delay") as delay:
        response = _get(office_client)
        assert "quality/waiting.html" in [t.name for t in response.templates]
        assert 'hx-trigger="every 2s"' in response.content.decode()
        poll = _get(office_client, htmx=True)
        assert [t.name for t in poll.templates] == ["quality/_waiting.html"]
    assert delay.call_count == 1
    compute_figures(**delay.call_args.kwargs)
    done = _get(office_client, htmx=True)
    assert done.headers["HX-Refresh"] == "true"
    assert _get(office_client).context["figures"]["criteria"]


def test_the_task_stores_what_the_direct_computation_gives(world, seeded_version):
    office = QualitySettings.objects.create(threshold="0.40", min_pairs=10)
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    key = compute_figures(
        version_id=seeded_version.pk, start="2026-01-01", end="2026-06-30", language="nl"
    )
    kept = stored.read(key)
    assert key == stored.request_key(seeded_version.pk, period, office, "nl")
    assert kept.stamp == stored.data_stamp()
    office.refresh_from_db()  # the threshold as read (a Decimal, printed "0,40")
    with translation.override("nl"):
        shown = figures(seeded_version, period, office)
        assert stored.read_figures(key) == shown
        # The page's part, rendered once by the task from exactly these figures.
        assert kept.html == render_to_string(stored.FRAGMENT, shown)
    assert shown["criteria"][1].flagged
    assert 'id="heatmap-table"' in kept.html


def test_csv_has_pseudonyms_and_codes_only(office_client, world, candidate):
    response = office_client.get(
        reverse("quality:pairs_csv"), {"van": "2026-01-01", "tot": "2026-06-30"}
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:4] == ["kandidaat", "beoordeling", "ronde", "criterium"]
    assert len(rows) == 1 + 48
    assert {r[7] for r in rows[1:]} == {"aangetoond"}
    assert {r[8] for r in rows[1:]} == {"aangetoond", "toelichten", "niet_aangetoond"}
    assert "@" not in body
    assert "Kandidaat" not in body
    assert len({r[0] for r in rows[1:]}) == 24  # one pseudonym per candidate


def test_invalid_period_is_refused(office_client, world):
    response = _get(office_client, van="2026-06-30", tot="2026-01-01")
    assert response.status_code == 200
    assert "criteria" not in response.context
    assert "Kies een periode" in response.content.decode()


PAIRS_URL = reverse("quality:pairs")


@pytest.fixture
def three_pairs(world, seeded_version, assessor):
    """Beside the world's pair (which often disagrees on C1.1), a third assessor who
    always agrees with the first: two pairs with enough pairs, one of them the weakest."""
    third = UserFactory(
        email="derde@example.nl", first_name="Dirk", last_name="Derde", role="assessor"
    )
    met = world["options"]["aangetoond"]
    for i, person in enumerate(demo.candidates("w", 12)):
        demo.scored_review(
            version=seeded_version,
            candidate=person,
            first=assessor,
            second=third,
            when=_at(2026, 3 + i % 3),
            scorings=[demo.Scoring(c, met, met, met) for c in world["criteria"]],
        )
    QualitySettings.objects.create(coefficient="ac1", threshold="0.40", min_pairs=10)
    return third


def test_the_dashboard_lists_the_weakest_pairs_and_links_the_page_of_every_pair(
    office_client, three_pairs, assessor, second_assessor, monkeypatch
):
    monkeypatch.setattr("quality.figures.WEAKEST_PAIRS", 1)
    response = _get(office_client)
    shown = response.context["figures"]
    assert len(shown["pairs"]) == 2
    assert [(a, b) for a, b, _agreement in shown["weakest_pairs"]] == [(assessor, second_assessor)]
    html = response.content.decode()
    weakest = html.split('id="weakest-pairs-table"', 1)[1].split("</table>", 1)[0]
    assert "Fatima El Amrani" in weakest
    assert "Dirk Derde" not in weakest
    assert 'id="pairs-table"' not in html  # every pair is on its own page
    assert "(ten hoogste 1)" in html
    assert "In deze periode: 2 koppels." in html
    link = reverse("quality:pairs") + "?versie="
    assert link in html

    every = office_client.get(PAIRS_URL, {"van": "2026-01-01", "tot": "2026-06-30"})
    assert every.status_code == 200
    table = every.content.decode().split('id="pairs-table"', 1)[1].split("</table>", 1)[0]
    assert "Fatima El Amrani" in table
    assert "Dirk Derde" in table
    assert table.count('<th scope="row">') == 2


def test_a_pair_with_too_few_pairs_or_an_unknown_value_is_not_among_the_weakest(
    office_client, three_pairs
):
    QualitySettings.objects.update(min_pairs=60)  # the world's pair has 48, the third's 24
    response = _get(office_client)
    assert response.context["figures"]["weakest_pairs"] == []
    assert 'id="no-weakest-pairs"' in response.content.decode()
    QualitySettings.objects.update(min_pairs=10, coefficient="kappa")
    # Kappa is unknown for the third's pair (one category only): not ranked.
    weakest = _get(office_client).context["figures"]["weakest_pairs"]
    assert [row[1].email for row in weakest] == ["assessor2@example.nl"]


def test_the_page_of_every_pair_is_the_offices_and_waits_with_the_dashboard(
    client, office_client, world, candidate, assessor
):
    query = {"van": "2026-01-01", "tot": "2026-06-30"}
    for user in (candidate, assessor):
        client.force_login(user)
        assert client.get(PAIRS_URL, query).status_code == 404
    assert (
        office_client.get(PAIRS_URL, {"van": "2026-06-30", "tot": "2026-01-01"}).status_code == 404
    )
    with patch("quality.tasks.compute_figures.delay") as delay:
        response = office_client.get(PAIRS_URL, query)
    assert delay.call_count == 1
    assert response.status_code == 302
    assert response["Location"].startswith(URL + "?")


def test_the_version_is_chosen_among_those_read_and_a_tampered_id_is_a_form_error(
    office_client, world, seeded_version, django_assert_num_queries
):
    versions = selectors.versions()
    form = PeriodForm({"versie": str(seeded_version.pk)}, versions=versions)
    with django_assert_num_queries(0):
        assert form.is_valid()
    assert form.cleaned_data["versie"] is versions[0]
    for tampered in ("999999", "٣", "-1", "1e3"):
        response = _get(office_client, versie=tampered)
        assert response.status_code == 200
        assert "criteria" not in response.context
        assert response.context["form"].errors["versie"]
