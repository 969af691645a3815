"""Private file access: presigned URLs on S3, streamed by Django on local storage.

Call only after the caller's access check: nothing here decides who may see a file.
"""

from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import redirect


def private_file_url(field_file, *, filename: str, as_attachment: bool = False) -> str | None:
    """A short-lived presigned URL when the storage is S3, else None (stream it)."""
    storage = field_file.storage
    if not hasattr(storage, "bucket_name"):
        return None
    disposition = "attachment" if as_attachment else "inline"
    return storage.url(
        field_file.name,
        parameters={
            "ResponseContentDisposition": f"{disposition}; filename*=UTF-8''{quote(filename)}",
        },
        expire=300,
    )


def serve_private_file(field_file, *, filename: str, content_type: str, as_attachment=False):
    presigned = private_file_url(field_file, filename=filename, as_attachment=as_attachment)
    if presigned:
        return redirect(presigned)
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        # A row whose file is gone (lost, or erased) is "not found", not a server error.
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=content_type, as_attachment=as_attachment, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
