"""portal.kept.kept_shared: a large piece kept under its content address in the shared
cache and, for the last few, in the web process; made only when neither has it."""

from django.core.cache import cache, caches

from portal.kept import kept_shared


def test_a_large_piece_is_made_once_and_found_in_the_process_before_the_shared_cache():
    made = []

    def make():
        made.append(1)
        return {"html": f"<p>{len(made)}</p>"}

    assert kept_shared("kept-test:a", make, 60) == {"html": "<p>1</p>"}
    assert cache.get("kept-test:a") == {"html": "<p>1</p>"}  # for the other processes
    cache.delete("kept-test:a")
    # Found in this process without the shared cache.
    assert kept_shared("kept-test:a", make, 60) == {"html": "<p>1</p>"}
    cache.set("kept-test:a", {"html": "<p>other process</p>"}, 60)
    caches["process-large"].clear()
    # Another process made it: found in the shared cache, kept here from then on.
    assert kept_shared("kept-test:a", make, 60) == {"html": "<p>other process</p>"}
    cache.delete("kept-test:a")
    assert kept_shared("kept-test:a", make, 60) == {"html": "<p>other process</p>"}
    assert made == [1]
    # Neither has it: made again.
    caches["process-large"].clear()
    assert kept_shared("kept-test:a", make, 60) == {"html": "<p>2</p>"}
    # Another key is another piece.
    assert kept_shared("kept-test:b", make, 60) == {"html": "<p>3</p>"}
