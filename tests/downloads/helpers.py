"""Asking for a prepared file in a test, as the browser does: POST, then download."""

import re

from django.urls import reverse


def prepared_id_of(response) -> int:
    """The prepared file a request was answered with (the waiting page or the download)."""
    assert response.status_code == 302, response.status_code
    return int(re.search(r"/bestanden/(\d+)/", response["Location"]).group(1))


def post_and_download(client, url: str, capture) -> tuple[int, bytes]:
    """POST the request (its build runs on commit, as eager Celery does) and download
    the file; (prepared id, the file's bytes)."""
    with capture(execute=True):
        response = client.post(url)
    prepared_id = prepared_id_of(response)
    download = client.get(reverse("downloads:download", args=[prepared_id]))
    assert download.status_code == 200
    return prepared_id, b"".join(download.streaming_content)
