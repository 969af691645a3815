"""The one row a page reads anyway (the candidate's portfolio, the assessor's assignment)
brings what finds its framework version's kept tree (`profiles.selectors.version_read`):
no query of its own, and a new tree after any framework edit."""

import pytest

from portfolio.models import Portfolio
from portfolio.selectors import candidate_content
from profiles.selectors import version_read, version_with_content, with_version_read
from profiles.stamp import bump_content_stamp
from tests.factories.portfolios import make_portfolio


@pytest.mark.django_db
def test_the_portfolio_row_finds_the_kept_tree_without_a_query(
    seeded_version, candidate, django_assert_num_queries
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="started")
    kept = version_with_content(seeded_version.pk)
    row = with_version_read(Portfolio.objects.filter(pk=portfolio.pk)).get()
    with django_assert_num_queries(0):
        assert version_read(row, row.framework_version_id) is kept
    assert candidate_content(candidate, portfolio.pk).version is kept


@pytest.mark.django_db
def test_after_a_framework_edit_the_next_read_finds_a_new_tree(seeded_version, candidate):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="started")
    before = candidate_content(candidate, portfolio.pk).version
    bump_content_stamp()  # what every edit of framework or profile data does
    after = candidate_content(candidate, portfolio.pk).version
    assert after is not before
    assert after.content_key != before.content_key
    assert after is version_with_content(seeded_version.pk)
