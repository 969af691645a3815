"""The privacy guard: the scanner (portfolio/privacy/) and the warnings it drives —
under each text box on autosave, on the submit page, the confirmed override sealed on the
snapshot and audited, and the notice the assessors see."""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from assessment.services.scoring import submit_assessment
from audit.enums import AuditAction
from audit.models import AuditEntry
from portfolio import privacy, selectors, services
from portfolio.enums import PortfolioState
from portfolio.models import Answer
from portfolio.privacy import FindingKind, mask, scan
from portfolio.privacy.patterns import is_valid_bsn, is_valid_iban
from tests.assessment.helpers import score_everything
from tests.factories.portfolios import CASE_TEXT, REFLECTION
from tests.factories.reviews import assign_two

TODAY = date(2026, 11, 23)


def _places(text, **kwargs):
    """(kind, matched text, start, end, line) of every finding."""
    return [
        (f.kind, text[f.start : f.end], f.start, f.end, f.line)
        for f in scan(text, today=TODAY, **kwargs)
    ]


# --- the scanner: one positive and the negatives per kind ------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "start"),
    [
        ("BSN 123456782.", "123456782", 4),
        ("bsn: 123.456.782, zei ze", "123.456.782", 5),
        ("nummer 1234 56 782 staat", "1234 56 782", 7),
        ("(111-222-333)", "111-222-333", 1),
    ],
)
def test_bsn_that_passes_the_elfproef_is_found_in_every_notation(text, value, start):
    assert _places(text) == [("bsn", value, start, start + len(value), 1)]


@pytest.mark.parametrize(
    "text",
    [
        "123456789",  # fails the elfproef
        "12345678",  # eight digits: not flagged (documented choice)
        "1234567820",  # ten digits
        "000000000",
        "€ 123.456.782,50",  # an amount
        "12345678201",
        "123.456.78.2",
    ],
)
def test_numbers_that_are_no_bsn_are_not_flagged(text):
    assert _places(text) == []


def test_elfproef():
    assert is_valid_bsn("123456782")
    assert is_valid_bsn("111222333")
    assert not is_valid_bsn("123456789")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("12345678")


def test_email_addresses():
    text = "Mail naar jan.de-vries+werk@gemeente.example.nl of @twitter of info@ of a@b"
    assert _places(text) == [("email", "jan.de-vries+werk@gemeente.example.nl", 10, 47, 1)]


@pytest.mark.parametrize(
    "value",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "06 12 34 56 78",
        "+31 6 12345678",
        "+31612345678",
        "0031 6 12345678",
        "+31 (0)6 12345678",
        "020-1234567",
        "010 123 4567",
        "(020) 123 45 67",
        "0341-123456",
    ],
)
def test_dutch_phone_numbers(value):
    text = f"Bel haar op {value} morgen."
    assert _places(text) == [("phone", value, 12, 12 + len(value), 1)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 en 2025 werkte hij 32 uur.",
        "Traject 2023-2024, dossier 12345.",
        "Op 01-01-2023 12:00 begonnen we.",
        "Bel 0800-1234 voor informatie.",
        "Een bedrag van 1.234.567 euro.",
        "Referentie 06123456.",  # too short for a mobile number
        "Code 061234567890.",  # too long
    ],
)
def test_years_dates_and_short_or_long_numbers_are_no_phone_numbers(text):
    assert _places(text) == []


@pytest.mark.parametrize(
    "value",
    [
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "nl91abna0417164300",
        "BE68 5390 0754 7034",
        "DE89 3704 0044 0532 0130 00",
        "GB82 WEST 1234 5698 7654 32",
    ],
)
def test_ibans_with_a_valid_mod97_check(value):
    text = f"Rekening {value} van de cliënt"
    assert _places(text) == [("iban", value, 9, 9 + len(value), 1)]


@pytest.mark.parametrize(
    "text",
    [
        "NL91 ABNA 0417 1643 01",  # wrong check: and not a phone number either
        "NL91ABNA041716430",  # one character short
        "NL91ABNA04171643001",  # one too many
        "XX91 ABNA 0417 1643 00",  # no such country
        "Artikel AB12 CDEF GHIJ KL",
    ],
)
def test_invalid_ibans_are_not_flagged(text):
    assert _places(text) == []


def test_iban_check_and_the_grouped_iban_ends_where_the_country_says():
    assert is_valid_iban("NL91 ABNA 0417 1643 00")
    assert not is_valid_iban("NL91 ABNA 0417 1643 01")
    text = "BE68 5390 0754 7034 VOOR DE HUUR en DE89 3704 0044 0532 0130 00."
    assert _places(text) == [
        ("iban", "BE68 5390 0754 7034", 0, 19, 1),
        ("iban", "DE89 3704 0044 0532 0130 00", 36, 63, 1),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hij is geboren op 12-03-1985 in Utrecht.", "12-03-1985"),
        ("geb. 12/3/1985", "12/3/1985"),
        ("Geboortedatum: 12 maart 1985", "12 maart 1985"),
        ("DOB 1985-03-12", "1985-03-12"),
        ("geb. 12-03-85", "12-03-85"),  # two-digit year only next to a birth word
        ("op 12-03-2012 geboren", "12-03-2012"),  # 14 years old: the word decides
        ("Geboren 1 jan. 2020", "1 jan. 2020"),  # a young child, with the word
        ("Een oudere man (3 mrt 1950) kwam binnen.", "3 mrt 1950"),  # 76: age rule
        ("Zij is van 28-02-2001.", "28-02-2001"),  # 25: age rule
    ],
)
def test_dates_of_birth(text, value):
    start = text.index(value)
    assert _places(text) == [("birth_date", value, start, start + len(value), 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Op 3 maart 2025 had ik een gesprek met de werkgever.",
        "Het traject startte op 01-09-2024 en loopt nog.",
        "Sinds 1 september 2008 werk ik als jobcoach.",  # starts a period
        "Vanaf 12-03-1990 was hij in dienst.",
        "Hij is geboren in 1985.",  # no full date
        "Geboren op 12-03-2030.",  # in the future
        "Geboren op 31-02-1985.",  # no such date
        "Rond 12-03-85 begon het.",  # two-digit year without a birth word
        "Op 12-03-1920 werd het pand gebouwd.",  # 106 years: older than any client
    ],
)
def test_ordinary_dates_are_no_dates_of_birth(text):
    assert _places(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Adres: 1234 AB 12, Utrecht", "1234 AB 12"),
        ("woont op 1234AB 12a.", "1234AB 12a"),
        ("Dorpsstraat 12, 1234 AB Ons Dorp", "Dorpsstraat 12, 1234 AB"),
        ("Kerkweg 7-2\n3511 CX Utrecht", "Kerkweg 7-2\n3511 CX"),
    ],
)
def test_postcode_with_a_house_number(text, value):
    start = text.index(value)
    assert [p[:4] for p in _places(text)] == [("address", value, start, start + len(value))]


@pytest.mark.parametrize(
    "text",
    [
        "Het kantoor zit in 1234 AB Utrecht.",  # a postcode alone
        "In 2024 EN 2025 niet.",  # two years
        "1234 ab 12 in kleine letters",
        "Postcode 1234 SS 12 bestaat niet.",
    ],
)
def test_no_address_without_house_number_or_valid_postcode(text):
    assert _places(text) == []


# --- places, masking, overlaps ---------------------------------------------------------------


def test_every_finding_has_its_exact_place_field_and_a_masked_excerpt():
    text = (
        "Mijn cliënt werkt sinds kort.\n"
        "Hij vroeg om hulp.\n"
        "Zijn BSN is 123456782 en zijn mail jan@voorbeeld.nl.\n"
    )
    findings = scan(text, field="C1.0", today=TODAY)
    assert [(f.kind, f.start, f.end, f.line, f.field) for f in findings] == [
        ("bsn", 61, 70, 3, "C1.0"),
        ("email", 84, 100, 3, "C1.0"),
    ]
    bsn, email = findings
    assert bsn.masked == "12*****82"
    assert email.masked == "ja*@*********.nl"
    # The excerpt stays on its line and masks every finding in it.
    assert bsn.excerpt == "Zijn BSN is 12*****82 en zijn mail ja*@**…"
    assert email.excerpt == "…****82 en zijn mail ja*@*********.nl."
    assert "123456782" not in bsn.excerpt + email.excerpt
    assert bsn.message == (
        "Mogelijk een BSN-nummer (regel 3): 12*****82 — verwijder of anonimiseer gegevens "
        "van cliënten"
    )


def test_an_iban_is_not_also_reported_as_a_phone_number_or_bsn():
    assert [f.kind for f in scan("NL91ABNA0417164300", today=TODAY)] == ["iban"]


def test_mask_keeps_shape_and_ends_only():
    assert mask("123456782") == "12*****82"
    assert mask("123.456.782") == "12*.***.*82"
    assert mask("1234 AB") == "1*** *B"  # six characters: one kept at each end
    assert mask("0612") == "0**2"  # short values keep one character at each end
    assert mask("abcdef") == "a****f"


def test_a_clean_case_text_has_no_findings():
    assert scan(CASE_TEXT, today=TODAY) == []
    assert scan(REFLECTION.format(topic="de werkgever belde op 3 maart 2025"), today=TODAY) == []
    assert scan("", today=TODAY) == []


def test_summary_digest_and_counts_hold_no_values():
    findings = scan("123456782, 06-12345678 en 06-87654321", field="C1.0", today=TODAY)
    assert privacy.summarise(findings) == [
        {"field": "C1.0", "kind": "bsn", "count": 1},
        {"field": "C1.0", "kind": "phone", "count": 2},
    ]
    assert privacy.counts_by_kind(findings) == {"bsn": 1, "phone": 2}
    assert len(privacy.digest(findings)) == 16
    assert privacy.digest(findings) != privacy.digest(findings[:1])


# --- remembered scans (pages) ----------------------------------------------------------------


def test_remembered_scans_equal_fresh_scans_and_keep_no_personal_text(monkeypatch):
    from django.core.cache import cache  # noqa: PLC0415

    texts = [
        ("Mail jan@voorbeeld.nl of bel 06-12345678.\nBSN 123456782", "C1"),
        ("", "C2"),
        ("Een schone tekst over het traject.", "C3"),
        ("Geboren 12-03-1985, Dorpsstraat 12, 1234 AB", "C4.1"),
    ]
    scans = []
    real_spans = privacy._spans
    monkeypatch.setattr(
        privacy, "_spans", lambda text, today: scans.append(text) or real_spans(text, today)
    )
    first = privacy.scan_many(texts, today=TODAY)
    assert first == [scan(text, field=field, today=TODAY) for text, field in texts]
    assert [len(found) for found in first] == [3, 0, 0, 2]
    scans.clear()
    # Again: nothing is scanned, the same findings (field names included) come back.
    assert privacy.scan_many(texts, today=TODAY) == first
    assert scans == []
    # A changed text, or another day (the age rule), is scanned afresh.
    changed = [("Mail piet@voorbeeld.nl", "C1")]
    assert privacy.scan_many(changed, today=TODAY)[0][0].masked == "pi**@*********.nl"
    privacy.scan_many(texts[:1], today=date(2026, 11, 24))
    assert scans == ["Mail piet@voorbeeld.nl", texts[0][0]]
    # What the cache holds: kinds and offsets only, never the text or the masked excerpt.
    key = privacy._cache_key(texts[0][0], TODAY)
    assert cache.get(key) == [("email", 5, 21), ("phone", 29, 40), ("bsn", 46, 55)]
    assert "jan" not in repr(cache.get(key))
    assert privacy._LOCAL_SCANS[key] == cache.get(key)


def test_scans_this_process_has_seen_are_read_without_the_cache(monkeypatch):
    from django.core.cache import cache  # noqa: PLC0415

    texts = [("Bel 06-12345678.", "C1"), ("Een schone tekst.", "C2")]
    first = privacy.scan_many(texts, today=TODAY)
    asked = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: asked.append(keys) or real_get_many(keys))
    assert privacy.scan_many(texts, today=TODAY) == first
    assert asked == []  # every text seen: no round trip
    # Another process (or this one after forgetting) finds them in the shared cache.
    privacy.forget_local_scans()
    assert privacy.scan_many(texts, today=TODAY) == first
    assert [len(keys) for keys in asked] == [2]
    # Only what this process has not seen is asked for.
    asked.clear()
    privacy.scan_many([*texts, ("Mail jan@voorbeeld.nl", "C3")], today=TODAY)
    assert asked == [[privacy._cache_key("Mail jan@voorbeeld.nl", TODAY)]]
    # Full: emptied whole, then kept again.
    monkeypatch.setattr(privacy, "_LOCAL_SCANS_MAX", 3)
    privacy.scan_many([("Een andere tekst.", "C4")], today=TODAY)
    assert list(privacy._LOCAL_SCANS) == [privacy._cache_key("Een andere tekst.", TODAY)]


# --- the candidate is warned -----------------------------------------------------------------

BSN_TEXT = "Eerste regel over de cliënt.\nTweede regel.\nZijn BSN is 123456782.\n"


def _task0(portfolio):
    return portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)


def _write(portfolio, criterion, text):
    answer = Answer.objects.filter(portfolio=portfolio, criterion=criterion).first()
    services.save_answer(
        portfolio=portfolio,
        target=criterion,
        text=text,
        base_revision=answer.revision if answer else 0,
    )


@pytest.mark.django_db
def test_autosave_saves_and_shows_the_warning_under_the_box(candidate_client, portfolio):
    task0 = _task0(portfolio)
    url = reverse("portfolio:autosave", args=[portfolio.pk])
    data = {"target": f"criterion-{task0.pk}", "revision": 0, "text": BSN_TEXT}
    response = candidate_client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="privacy-criterion-{task0.pk}" aria-live="polite" hx-swap-oob="innerHTML"' in html
    assert (
        "Mogelijk een BSN-nummer (regel 3): 12*****82 — verwijder of anonimiseer gegevens van "
        "cliënten" in html
    )
    assert "123456782" not in html
    # A warning, not a block: the text is saved as written.
    assert Answer.objects.get(criterion=task0).text == BSN_TEXT
    # The section page shows the warning under the box after a reload too.
    page = candidate_client.get(reverse("portfolio:section", args=[portfolio.pk, "C1"]))
    assert page.content.decode().count("Mogelijk een BSN-nummer (regel 3): 12*****82") == 1
    # Anonymised: the next save empties the warnings.
    clean = candidate_client.post(
        url, {**data, "revision": 1, "text": "Zijn BSN staat in het dossier."}
    )
    html = clean.content.decode()
    assert f'id="privacy-criterion-{task0.pk}"' in html
    assert "Mogelijk" not in html


# --- submitting with findings ----------------------------------------------------------------


@pytest.mark.django_db
def test_submit_page_lists_every_finding_with_a_link_to_its_box(
    candidate_client, complete_portfolio
):
    task0 = _task0(complete_portfolio)
    _write(complete_portfolio, task0, BSN_TEXT + "Bel 06-12345678.")
    page = candidate_client.get(reverse("portfolio:submit", args=[complete_portfolio.pk]))
    html = page.content.decode()
    section_url = reverse("portfolio:section", args=[complete_portfolio.pk, "C1"])
    assert f'href="{section_url}#input-criterion-{task0.pk}"' in html
    assert "Mogelijk herleidbare gegevens van cliënten: 2 waarschuwingen" in html
    assert "Mogelijk een BSN-nummer (regel 3): 12*****82" in html
    assert "Mogelijk een telefoonnummer (regel 4): 06-******78" in html
    assert 'name="privacy_confirm"' in html
    assert "Ik heb de waarschuwingen gelezen; de tekst bevat geen herleidbare gegevens" in html
    dashboard = candidate_client.get(reverse("portfolio:dashboard", args=[complete_portfolio.pk]))
    assert "Je tekst bevat 2 mogelijk herleidbare gegevens van cliënten." in (
        dashboard.content.decode()
    )


@pytest.mark.django_db
def test_submit_with_findings_is_refused_without_the_confirmation(
    candidate_client, complete_portfolio
):
    task0 = _task0(complete_portfolio)
    _write(complete_portfolio, task0, BSN_TEXT)
    url = reverse("portfolio:submit", args=[complete_portfolio.pk])
    refused = candidate_client.post(url, {"confirm": "yes"}, follow=True)
    assert (
        "Je portfolio bevat mogelijk herleidbare gegevens van cliënten: 1 waarschuwing(en) in "
        "C1.0. Verwijder of anonimiseer die gegevens, of bevestig dat je de waarschuwingen "
        "hebt gelezen en dat de tekst geen herleidbare gegevens van cliënten bevat."
    ) in refused.content.decode()
    assert refused.redirect_chain == [(f"{url}#privacy", 302)]
    complete_portfolio.refresh_from_db()
    assert complete_portfolio.state == PortfolioState.DRAFT
    assert not complete_portfolio.snapshots.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.PRIVACY_WARNING_OVERRIDDEN).exists()


@pytest.mark.django_db
def test_submit_with_the_confirmation_stores_the_override_and_audits_it(
    candidate_client, candidate, complete_portfolio
):
    task0 = _task0(complete_portfolio)
    _write(complete_portfolio, task0, BSN_TEXT + "Mail: jan@voorbeeld.nl, 06-12345678")
    url = reverse("portfolio:submit", args=[complete_portfolio.pk])
    page = candidate_client.get(url).content.decode()
    digest = page.split('name="privacy_digest" value="')[1].split('"')[0]
    response = candidate_client.post(
        url, {"confirm": "yes", "privacy_confirm": "yes", "privacy_digest": digest}, follow=True
    )
    assert "Je portfolio is ingediend." in response.content.decode()
    complete_portfolio.refresh_from_db()
    assert complete_portfolio.state == PortfolioState.SUBMITTED
    snapshot = complete_portfolio.snapshots.get()
    assert snapshot.privacy_override_by == candidate
    assert snapshot.privacy_override_at is not None
    assert snapshot.privacy_findings == [
        {"field": "C1.0", "kind": "bsn", "count": 1},
        {"field": "C1.0", "kind": "email", "count": 1},
        {"field": "C1.0", "kind": "phone", "count": 1},
    ]
    entry = AuditEntry.objects.get(action=AuditAction.PRIVACY_WARNING_OVERRIDDEN)
    assert (entry.actor_id, entry.portfolio_id, entry.subject_user_id) == (
        candidate.pk,
        complete_portfolio.pk,
        candidate.pk,
    )
    assert (entry.object_type, entry.object_id) == (
        "portfolio.portfolio",
        str(snapshot.portfolio_id),
    )
    assert entry.changes == {"bsn": 1, "email": 1, "phone": 1}
    assert entry.summary == (
        "Ingediend (ronde 1) ondanks 3 privacywaarschuwing(en) in C1.0; de kandidaat "
        "bevestigde dat de tekst geen herleidbare gegevens van cliënten bevat."
    )
    # No personal value, whole or masked, reaches the trail or the override record.
    stored = json.dumps([entry.summary, entry.changes, snapshot.privacy_findings])
    for value in ("123456782", "12*****82", "jan@voorbeeld.nl", "12345678", "06-"):
        assert value not in stored
    dashboard = candidate_client.get(reverse("portfolio:dashboard", args=[complete_portfolio.pk]))
    assert 'id="privacy-override"' in dashboard.content.decode()


@pytest.mark.django_db
def test_a_confirmation_covers_only_the_warnings_that_were_shown(
    candidate_client, complete_portfolio
):
    task0 = _task0(complete_portfolio)
    _write(complete_portfolio, task0, BSN_TEXT)
    url = reverse("portfolio:submit", args=[complete_portfolio.pk])
    page = candidate_client.get(url).content.decode()
    digest = page.split('name="privacy_digest" value="')[1].split('"')[0]
    # Meanwhile, in another tab, a phone number is added.
    _write(complete_portfolio, task0, BSN_TEXT + "Bel 06-12345678.")
    refused = candidate_client.post(
        url, {"confirm": "yes", "privacy_confirm": "yes", "privacy_digest": digest}, follow=True
    )
    assert (
        "De privacywaarschuwingen zijn veranderd sinds je deze pagina opende (nu 2 in C1.0)."
        in refused.content.decode()
    )
    complete_portfolio.refresh_from_db()
    assert complete_portfolio.state == PortfolioState.DRAFT


@pytest.mark.django_db
def test_the_service_refuses_unconfirmed_findings(candidate, complete_portfolio):
    _write(complete_portfolio, _task0(complete_portfolio), "geboren op 12-03-1985")
    with pytest.raises(services.PrivacyNotConfirmed) as refused:
        services.submit_portfolio(portfolio=complete_portfolio, actor=candidate)
    assert [(f.field, [x.kind for x in f.findings]) for f in refused.value.field_findings] == [
        ("C1.0", [FindingKind.BIRTH_DATE])
    ]
    # A confirmation without the digest of the warnings shown confirms nothing.
    with pytest.raises(services.PrivacyNotConfirmed, match="veranderd"):
        services.submit_portfolio(
            portfolio=complete_portfolio, actor=candidate, privacy_confirmed=True
        )
    with pytest.raises(services.PrivacyNotConfirmed, match="veranderd"):
        services.submit_portfolio(
            portfolio=complete_portfolio,
            actor=candidate,
            privacy_confirmed=True,
            privacy_digest="0" * 64,
        )
    complete_portfolio.refresh_from_db()
    assert complete_portfolio.state == PortfolioState.DRAFT
    snapshot = services.submit_portfolio(
        portfolio=complete_portfolio,
        actor=candidate,
        privacy_confirmed=True,
        privacy_digest=selectors.privacy_digest(selectors.portfolio_content(complete_portfolio)),
    )
    assert snapshot.privacy_findings == [{"field": "C1.0", "kind": "birth_date", "count": 1}]


@pytest.mark.django_db
def test_a_clean_portfolio_submits_without_any_privacy_confirmation(
    candidate_client, complete_portfolio
):
    url = reverse("portfolio:submit", args=[complete_portfolio.pk])
    page = candidate_client.get(url).content.decode()
    assert 'name="privacy_confirm"' not in page
    assert 'id="privacy"' not in page
    response = candidate_client.post(url, {"confirm": "yes"}, follow=True)
    assert "Je portfolio is ingediend." in response.content.decode()
    snapshot = complete_portfolio.snapshots.get()
    assert (
        snapshot.privacy_override_at,
        snapshot.privacy_override_by,
        snapshot.privacy_findings,
    ) == (
        None,
        None,
        [],
    )
    assert not AuditEntry.objects.filter(action=AuditAction.PRIVACY_WARNING_OVERRIDDEN).exists()


# --- the assessors see the override ----------------------------------------------------------


def _review(portfolio, assessor, second_assessor, office):
    portfolio.refresh_from_db()
    return assign_two(portfolio, assessor, second_assessor, office)[1:]


def _page(user, url) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_assessors_see_where_the_candidate_overrode_privacy_warnings(
    candidate, complete_portfolio, assessor, second_assessor, office
):
    task0 = _task0(complete_portfolio)
    _write(complete_portfolio, task0, BSN_TEXT + "Bel 06-12345678 of 06-87654321.")
    services.submit_portfolio(
        portfolio=complete_portfolio,
        actor=candidate,
        privacy_confirmed=True,
        privacy_digest=selectors.privacy_digest(selectors.portfolio_content(complete_portfolio)),
    )
    first, second = _review(complete_portfolio, assessor, second_assessor, office)
    score = _page(assessor, reverse("assessment:score", args=[first.pk]))
    assert 'id="privacy-override"' in score
    assert "Privacywaarschuwingen genegeerd" in score
    assert "<li><strong>C1.0</strong>: BSN-nummer (1), telefoonnummer (2)</li>" in score
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor)
    submit_assessment(assignment=second, actor=second_assessor)
    compare = _page(second_assessor, reverse("assessment:compare", args=[second.pk]))
    assert "<li><strong>C1.0</strong>: BSN-nummer (1), telefoonnummer (2)</li>" in compare
    # The notice names kinds and fields, never the values (the answer itself is shown
    # on the scoring page, so only the notice is checked).
    notice = score.split('id="privacy-override"')[1].split("</section>")[0]
    assert "12*****82" not in notice
    assert "123456782" not in notice


@pytest.mark.django_db
def test_no_notice_for_a_clean_submission(
    candidate, complete_portfolio, assessor, second_assessor, office
):
    services.submit_portfolio(portfolio=complete_portfolio, actor=candidate)
    first, _second = _review(complete_portfolio, assessor, second_assessor, office)
    score = _page(assessor, reverse("assessment:score", args=[first.pk]))
    assert "Privacywaarschuwingen genegeerd" not in score


@pytest.mark.django_db
def test_the_dashboard_counts_the_findings_and_links_to_them(candidate_client, portfolio):
    url = reverse("portfolio:dashboard", args=[portfolio.pk])
    assert 'id="privacy-summary"' not in candidate_client.get(url).content.decode()
    _write(portfolio, _task0(portfolio), BSN_TEXT + "Bel 06-12345678.")
    html = candidate_client.get(url).content.decode()
    assert 'id="privacy-summary"' in html
    assert "Je tekst bevat 2 mogelijk herleidbare gegevens van cliënten." in html
    assert reverse("portfolio:submit", args=[portfolio.pk]) + "#privacy" in html
