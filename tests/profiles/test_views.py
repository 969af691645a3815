import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.enums import VersionStatus
from profiles.serialization import export_framework_version, import_framework_version

FRAMEWORK_URL = "/kader/register-jobcoach/v1/"


@pytest.mark.django_db
def test_the_framework_page_shows_every_part_of_the_framework(candidate_client, seeded_version):
    html = candidate_client.get(FRAMEWORK_URL).content.decode()
    for section in seeded_version.sections.all():
        assert f'id="section-{section.code}"' in html
    for criterion in (
        seeded_version.sections.get(code="C1").criteria.prefetch_related("indicators").all()
    ):
        assert f'id="criterion-C1-{criterion.number}"' in html
        for indicator in criterion.indicators.all():
            assert indicator.text in html
    assert "Wie is de cliënt?" in html  # a product question of task 2
    assert "Telt niet mee voor de kwalitatieve beoordeling" in html  # B2 and D


@pytest.mark.django_db
def test_the_framework_content_is_rendered_once_per_language_and_publication(
    candidate_client, seeded_version
):
    from datetime import timedelta  # noqa: PLC0415

    from profiles.models import FrameworkVersion, Section  # noqa: PLC0415
    from profiles.selectors import forget_local_trees  # noqa: PLC0415

    section = seeded_version.sections.get(code="C1")
    dutch = candidate_client.get(FRAMEWORK_URL).content.decode()
    assert section.title in dutch
    assert "Beoordelingsschaal" in dutch
    # Kept: a title changed behind the services' back (a published version is frozen)
    # does not show while the publication is the same...
    Section.objects.filter(pk=section.pk).update(title="Gewijzigde titel")
    forget_local_trees()
    assert "Gewijzigde titel" not in candidate_client.get(FRAMEWORK_URL).content.decode()
    # ...each language has its own copy...
    candidate_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = candidate_client.get(FRAMEWORK_URL).content.decode()
    assert "Assessment scale" in english  # inside the kept content
    assert "Beoordelingsschaal" not in english
    # ...and a new publication renders afresh.
    FrameworkVersion.objects.filter(pk=seeded_version.pk).update(
        published_at=seeded_version.published_at + timedelta(seconds=1)
    )
    candidate_client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert "Gewijzigde titel" in candidate_client.get(FRAMEWORK_URL).content.decode()


@pytest.mark.django_db
def test_the_current_framework_url_redirects_to_the_newest_published_version(
    candidate_client, seeded_version
):
    response = candidate_client.get("/kader/")
    assert response.status_code == 302
    assert response["Location"] == FRAMEWORK_URL


@pytest.mark.django_db
def test_a_draft_version_is_not_shown(candidate_client, seeded_version, office):
    from profiles.services import copy_version_to_draft  # noqa: PLC0415

    copy_version_to_draft(version=seeded_version, actor=office)
    assert candidate_client.get("/kader/register-jobcoach/v2/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/kader/", FRAMEWORK_URL, "/kader/profielen/", "/kader/profielen/leercoach-1/"]
)
def test_framework_and_profile_pages_need_a_login(client, seeded_version, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def _queries(client, url) -> int:
    client.get("/health/")  # the first request after logging in saves the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_framework_page_query_count_does_not_depend_on_its_size(candidate_client, seeded_version):
    # A second published version with a fraction of the content must cost the same.
    # (Every list keeps one element: Django skips the prefetch of an empty relation.)
    small = export_framework_version(seeded_version)
    sections = small["version"]["sections"]
    small["version"]["sections"] = [sections[0], sections[1], sections[2], sections[4]]
    for section in small["version"]["sections"]:
        for key in ("education_requirements", "declarations", "questions", "criteria"):
            section[key] = section[key][:1]
        for requirement in section["education_requirements"]:
            requirement["exempt_sections"] = ["B2"]
        for criterion in section["criteria"]:
            criterion["indicators"] = criterion["indicators"][:1]
            criterion["product_questions"] = ["Eén vraag"]
            criterion["related_items"] = criterion["related_items"][:1]
    import_framework_version(small, number=5, status=VersionStatus.PUBLISHED)
    full = _queries(candidate_client, FRAMEWORK_URL)
    reduced = _queries(candidate_client, "/kader/register-jobcoach/v5/")
    # session + user, the version's id, its status (with the content stamp), then
    # (first view, not cached yet) version, score options, value sources, sections,
    # requirements, conditions, exempt sections, declarations, their conditions,
    # questions, criteria, indicators, product questions, related items; other versions
    # (the session is saved at most once a minute, not on these requests)
    assert full == reduced == 19
    # Published versions are frozen: from then on their content comes from the cache.
    assert _queries(candidate_client, FRAMEWORK_URL) == 5
    assert _queries(candidate_client, "/kader/register-jobcoach/v5/") == 5


@pytest.mark.django_db
def test_profile_page_query_count_does_not_depend_on_its_size(candidate_client, seeded_version):
    big = _queries(candidate_client, "/kader/profielen/supported-employment-coach/")
    small = _queries(candidate_client, "/kader/profielen/leercoach-1/")
    # session + user, profile, groups, text blocks, thresholds, glossary, items (+ group),
    # indicators, knowledge
    assert big == small == 10


@pytest.mark.django_db
def test_profile_page_shows_levels_and_required_levels(candidate_client, seeded_version):
    html = candidate_client.get("/kader/profielen/leercoach-1/").content.decode()
    assert "vereist niveau 2" in html
    assert "Niveau 3" in html


@pytest.mark.django_db
def test_unknown_profile_is_404(candidate_client, seeded_version):
    assert candidate_client.get("/kader/profielen/bestaat-niet/").status_code == 404
