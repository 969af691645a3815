"""The portfolio's PDF: its first page holds the title and the first section, not the
title alone (each later section still starts on a page of its own)."""

import io

import pytest
from pypdf import PdfReader

from portfolio.prepared import build_preview
from tests.factories.portfolios import make_portfolio


@pytest.mark.django_db
def test_the_first_section_starts_on_the_first_page(seeded_version, candidate):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="complete")
    built = build_preview(candidate, portfolio.pk)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(built.data.read())).pages]
    assert "Portfolio van Kim de Vries" in pages[0]
    assert "A. Opleiding" in pages[0]
    # The next section on a page of its own, at its top.
    second = next(i for i, text in enumerate(pages) if "B1. Werkervaring" in text)
    assert second > 0
    assert "A. Opleiding" not in pages[second]
