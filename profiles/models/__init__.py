"""The certification framework (versioned) and the competency profiles, as data.

A `FrameworkVersion` owns all of its content through foreign keys, so copying a version
copies everything and a published version can be frozen as a whole. Every content model
knows its version through `version_id` or a short path to it (`framework_version`), which
the services and the admin use to refuse edits to published versions.
"""

# One module per sub-domain; every model is exported here, so `profiles.models.X` and
# Django's registration (it imports `profiles.models`) are as before the split.
from profiles.models.framework import (
    Declaration,
    EducationRequirement,
    Framework,
    FrameworkVersion,
    ScoreOption,
    Section,
)
from profiles.models.profile import (
    GlossaryTerm,
    KnowledgeItem,
    Profile,
    ProfileGroup,
    ProfileIndicator,
    ProfileItem,
    TextBlock,
    Threshold,
)
from profiles.models.questions import (
    Condition,
    Criterion,
    CriterionIndicator,
    ProductQuestion,
    Question,
)

# Kept in their own modules outside the package (imported here so that Django registers
# them with the app).
from profiles.provenance_models import ValueSource
from profiles.stamp import ContentStamp

__all__ = [
    "Condition",
    "ContentStamp",
    "Criterion",
    "CriterionIndicator",
    "Declaration",
    "EducationRequirement",
    "Framework",
    "FrameworkVersion",
    "GlossaryTerm",
    "KnowledgeItem",
    "ProductQuestion",
    "Profile",
    "ProfileGroup",
    "ProfileIndicator",
    "ProfileItem",
    "Question",
    "ScoreOption",
    "Section",
    "TextBlock",
    "Threshold",
    "ValueSource",
]
