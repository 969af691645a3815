"""Framework versions and competency profiles to and from plain JSON-able dicts.

The format is documented in `fixtures/README.md`. Export followed by import followed by
export gives the identical document (tested), which is also how a version is copied into
a new draft. One module per direction and kind: `framework_export`, `framework_import`,
`profile` (both directions); `document` holds what they share.
"""

from profiles.serialization.document import FRAMEWORK_FORMAT, PROFILE_FORMAT, InvalidDocument
from profiles.serialization.framework_export import (
    export_framework_version,
    framework_version_queryset,
)
from profiles.serialization.framework_import import import_framework_version
from profiles.serialization.profile import export_profile, import_profile, profile_queryset

__all__ = [
    "FRAMEWORK_FORMAT",
    "PROFILE_FORMAT",
    "InvalidDocument",
    "export_framework_version",
    "export_profile",
    "framework_version_queryset",
    "import_framework_version",
    "import_profile",
    "profile_queryset",
]
