"""The public search's word indexes on PostgreSQL take new rows at once (migration 0009):
no pending list that every search would scan until a vacuum merges it."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes"),
]


@pytest.mark.parametrize("name", ["register_name_words", "register_shown_place_words"])
def test_the_word_indexes_keep_no_pending_list(name):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reloptions, a.amname FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
            "WHERE c.relname = %s",
            [name],
        )
        options, method = cursor.fetchone()
    assert method == "gin"
    assert options == ["fastupdate=off"]
