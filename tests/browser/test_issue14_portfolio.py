"""Issue 14's fixes on the candidate's pages, as a person meets them in a browser: each
label ticks its own box and names its own field (item 1), the preview of a complete
portfolio shows the uploaded CV (item 2), and the feedback of item 6 (the sidebar's count
follows autosave, the upload's confirmation is where the upload was, a refused signature
keeps what was typed and says why at the field, the word guide says it is no maximum, a
date against the rules is not "saved"). axe runs on every page visited."""

import io
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from profiles.enums import AnswerKind
from profiles.models import Question
from tests.browser.conftest import axe_violations, log_in
from tests.factories.files import pdf_bytes
from tests.factories.portfolios import make_portfolio

CONFIRM = "Ik verklaar dat dit naar waarheid is ingevuld."
FILE = "Bestand (PDF, JPEG of PNG)"
DOCUMENT_DATE = "Datum van het document"


def _section(page, portfolio, code: str) -> None:
    page.goto(f"/portfolio/{portfolio.pk}/onderdeel/{code}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{code}. ")


def _draft(candidate, version, state="partial"):
    portfolio = make_portfolio(candidate=candidate, version=version, state=state)
    portfolio.signatures.all().delete()  # the signing forms are shown
    return portfolio


@pytest.mark.django_db(transaction=True)
def test_each_declarations_label_ticks_its_own_box(page, seeded_version, candidate):
    portfolio = _draft(candidate, seeded_version)
    log_in(page, candidate)
    for code, count in (("B1", 2), ("E", 3)):
        _section(page, portfolio, code)
        assert axe_violations(page) == [], code
        declarations = page.locator("section[id^='declaration-']")
        expect(declarations).to_have_count(count)
        boxes = [declarations.nth(i).get_by_role("checkbox", name=CONFIRM) for i in range(count)]
        # The last first: before the fix every label ticked the first declaration's box.
        for clicked in reversed(range(count)):
            declarations.nth(clicked).locator("label", has_text=CONFIRM).click()
            for i, box in enumerate(boxes):
                (expect(box).to_be_checked if i == clicked else expect(box).not_to_be_checked)()
            boxes[clicked].uncheck()
        # Each block's fields found by their own label, one each.
        for i in range(count):
            name = declarations.nth(i).get_by_label("Je volledige naam (als handtekening)")
            expect(name).to_have_count(1)
        expect(page.get_by_label(CONFIRM)).to_have_count(count)


@pytest.mark.django_db(transaction=True)
def test_every_upload_block_names_its_fields_and_confirms_where_it_was(
    page, seeded_version, candidate, tmp_path
):
    portfolio = _draft(candidate, seeded_version)
    page.set_viewport_size({"width": 1280, "height": 700})
    log_in(page, candidate)
    _section(page, portfolio, "A")
    assert axe_violations(page) == []
    blocks = page.locator("section[id^='route-']")
    expect(blocks).to_have_count(2)
    for i in range(2):
        for label in (FILE, DOCUMENT_DATE):
            field = blocks.nth(i).get_by_label(label)
            expect(field).to_have_count(1)
            expect(field).to_have_accessible_name(re.compile(rf"^{re.escape(label)}\*?$"))
    # Page-wide each label names one field per block (a repeated id named the first twice).
    expect(page.get_by_label(FILE)).to_have_count(2)
    expect(page.get_by_label(DOCUMENT_DATE)).to_have_count(2)

    # Upload in the second block, through its own labels; the confirmation is a status in
    # that block, in view and focused (before, it was at the top, off screen).
    second = blocks.nth(1)
    anchor = second.get_attribute("id")
    pdf = tmp_path / "certificaat-a2.pdf"
    pdf.write_bytes(pdf_bytes())
    second.get_by_label(FILE).set_input_files(str(pdf))
    dated = timezone.localdate() - relativedelta(days=60)
    second.get_by_label(DOCUMENT_DATE).fill(dated.isoformat())
    hours = second.get_by_label("Studie-uren op dit document")
    if hours.count():
        hours.fill("200")
    second.get_by_role("button", name="Uploaden").click()
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    status = page.locator(f"#{anchor} .messages").get_by_role("status")
    expect(status).to_have_text("certificaat-a2.pdf is geüpload.")
    expect(status).to_be_in_viewport()
    expect(page.locator(f"#{anchor} .messages")).to_be_focused()
    assert portfolio.documents.filter(original_name="certificaat-a2.pdf").count() == 1
    assert axe_violations(page) == []

    # The CV's block (a question) too.
    _section(page, portfolio, "B2")
    cv = Question.objects.get(section__version=seeded_version, answer_kind=AnswerKind.UPLOAD)
    block = page.locator(f"#question-{cv.pk}")
    pdf = tmp_path / "mijn-cv.pdf"
    pdf.write_bytes(pdf_bytes())
    block.get_by_label(FILE).set_input_files(str(pdf))
    block.get_by_label(DOCUMENT_DATE).fill(dated.isoformat())
    block.get_by_role("button", name="Uploaden").click()
    expect(block.get_by_role("status")).to_have_text("mijn-cv.pdf is geüpload.")
    expect(block.locator(".messages")).to_be_focused()


@pytest.mark.django_db(transaction=True)
def test_a_refused_signature_keeps_what_was_typed_and_says_why_at_the_field(
    page, seeded_version, candidate
):
    portfolio = _draft(candidate, seeded_version, state="started")
    page.set_viewport_size({"width": 1280, "height": 700})
    log_in(page, candidate)
    _section(page, portfolio, "B1")
    declaration = seeded_version.sections.get(code="B1").declarations.get(code="B1.1")
    block = page.locator(f"#declaration-{declaration.pk}")
    years = block.get_by_label("Jaren actief als uitvoerend jobcoach")
    hours = block.get_by_label("Uren beroepsgerichte werkervaring")
    name = block.get_by_label("Je volledige naam (als handtekening)")
    years.fill(str(declaration.min_years - 1))
    hours.fill("5000")
    name.fill("Kim de Vrie")
    block.get_by_label(CONFIRM).check()
    block.get_by_role("button", name="Ondertekenen").click()

    # What was typed is still there, the box still ticked.
    expect(years).to_have_value(str(declaration.min_years - 1))
    expect(hours).to_have_value("5000")
    expect(name).to_have_value("Kim de Vrie")
    expect(block.get_by_label(CONFIRM)).to_be_checked()
    # Each reason at its field: the field's description, shown beside it, in view.
    years_reason = f"Voor deze verklaring zijn minimaal {declaration.min_years} jaar werkervaring"
    expect(years).to_have_accessible_description(re.compile(years_reason))
    expect(name).to_have_accessible_description(re.compile("Typ je volledige naam"))
    expect(hours).not_to_have_accessible_description(re.compile("minimaal"))
    expect(block.get_by_text(re.compile(years_reason))).to_be_in_viewport()
    # Not at the top of the page.
    expect(page.locator(".messages")).to_have_count(0)
    assert not portfolio.signatures.exists()
    assert axe_violations(page) == []

    # B1.2, lower on the page: a wrong name is said at the name, in view.
    second = seeded_version.sections.get(code="B1").declarations.get(code="B1.2")
    lower = page.locator(f"#declaration-{second.pk}")
    lower.get_by_label("Je volledige naam (als handtekening)").fill("K. de Vries")
    lower.get_by_label(CONFIRM).check()
    lower.get_by_role("button", name="Ondertekenen").click()
    lower_name = lower.get_by_label("Je volledige naam (als handtekening)")
    expect(lower_name).to_have_value("K. de Vries")
    expect(lower_name).to_have_accessible_description(re.compile("Typ je volledige naam"))
    expect(lower.get_by_text(re.compile("Typ je volledige naam"))).to_be_in_viewport()
    expect(years).to_have_value("")  # the other declaration's form is shown afresh

    # Corrected, it is signed.
    years.fill(str(declaration.min_years))
    hours.fill("5000")
    name.fill("Kim de Vries")
    block.get_by_label(CONFIRM).check()
    block.get_by_role("button", name="Ondertekenen").click()
    expect(page.get_by_role("status")).to_have_text("Verklaring B1.1 is ondertekend.")
    assert portfolio.signatures.count() == 1


@pytest.mark.django_db(transaction=True)
def test_autosave_moves_the_sidebar_count_and_says_what_the_guide_is(
    page, seeded_version, candidate
):
    portfolio = _draft(candidate, seeded_version, state="started")
    log_in(page, candidate)
    _section(page, portfolio, "C1")
    assert axe_violations(page) == []
    badge = page.locator("#progress-C1")
    expect(badge).to_have_text(re.compile(r"^0/\d+$"))
    total = badge.inner_text().strip().split("/")[1]
    task0 = seeded_version.sections.get(code="C1").criteria.get(number=0)
    box = page.locator(f"#input-criterion-{task0.pk}")
    box.fill("Ik sloot aan bij het tempo van mijn cliënt.")
    expect(page.locator(f"#status-criterion-{task0.pk}")).to_contain_text("Opgeslagen om")
    # The sidebar follows without a reload.
    expect(badge).to_have_text(f"1/{total}")

    # Over the guide: the count turns amber, and the guide says it is a target, not a
    # maximum — on the page and in the box's description.
    guide = f"richtlijn: ongeveer {task0.word_guide} woorden, geen maximum"
    revision = page.locator(f"#revision-criterion-{task0.pk}")
    saved = revision.input_value()
    box.fill(" ".join(["woord"] * (task0.word_guide + 5)))
    count = page.locator(f"#count-criterion-{task0.pk}")
    expect(count).to_have_text(f"{task0.word_guide + 5} woorden")
    expect(count).to_have_class(re.compile(r"\btext-warning-emphasis\b"))
    expect(page.locator(f"#guide-criterion-{task0.pk}")).to_have_text(guide)
    expect(box).to_have_accessible_description(re.compile(re.escape(guide)))
    assert axe_violations(page) == []
    # The autosave of the long text has come back (a new revision) before the test ends:
    # a request still running would meet the database being emptied for the next test.
    expect(revision).not_to_have_value(saved)


@pytest.mark.django_db(transaction=True)
def test_a_date_against_the_rules_shows_the_rule_and_not_saved(page, seeded_version, candidate):
    portfolio = _draft(candidate, seeded_version, state="started")
    question = Question.objects.get(section__version=seeded_version, answer_kind=AnswerKind.DATE)
    log_in(page, candidate)
    _section(page, portfolio, question.section.code)
    field = page.locator(f"#input-question-{question.pk}")
    status = page.locator(f"#status-question-{question.pk}")
    field.fill((timezone.localdate() + relativedelta(days=3)).isoformat())
    expect(status.get_by_role("alert")).to_have_text("De startdatum ligt in de toekomst.")
    expect(status).not_to_contain_text("Opgeslagen")
    assert axe_violations(page) == []
    # A date within the rules is saved and says so (and the rule's message is gone).
    months = seeded_version.case_min_running_months + 1
    field.fill((timezone.localdate() - relativedelta(months=months)).isoformat())
    expect(status).to_contain_text("Opgeslagen om")
    expect(status.get_by_role("alert")).to_have_count(0)
    # After a reload the refused rule is shown again for a refused date, not "saved".
    field.fill((timezone.localdate() + relativedelta(days=3)).isoformat())
    expect(status.get_by_role("alert")).to_be_visible()
    page.reload()
    expect(status).to_contain_text("De startdatum ligt in de toekomst.")
    expect(status).not_to_contain_text("Opgeslagen")


@pytest.mark.django_db(transaction=True)
def test_the_preview_of_a_submitted_portfolio_shows_the_uploaded_cv(
    page, seeded_version, candidate
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    log_in(page, candidate)
    page.goto(f"/portfolio/{portfolio.pk}/voorbeeld/")
    cv_heading = page.get_by_role("heading", name=re.compile(r"^B2\.1\b"))
    expect(cv_heading).to_have_count(1)
    block = page.locator("div", has=cv_heading).last
    expect(block).to_contain_text("curriculum-vitae")
    expect(block).not_to_contain_text("Nog niet ingevuld")
    # Complete: nothing anywhere says it is not filled in.
    expect(page.get_by_text("Nog niet ingevuld")).to_have_count(0)
    assert axe_violations(page) == []

    # The PDF the candidate downloads says the same.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als PDF").click()
    data = download.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    cv = text[text.index("B2.1") :][:200]
    assert "curriculum-vitae" in cv
    assert "Nog niet ingevuld" not in text
