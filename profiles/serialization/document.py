"""What the framework and profile documents share: their format names and the error."""

from typing import Any

FRAMEWORK_FORMAT = "register-jobcoach-framework/1"
PROFILE_FORMAT = "register-jobcoach-profile/1"


class InvalidDocument(ValueError):
    """The document does not match the format; the message says where."""


def require(data: dict, key: str, where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise InvalidDocument(f"{where}: '{key}' ontbreekt.")
    return data[key]
