"""Reference data for entity resolution: States, groups of States, UN bodies and GA sessions.

Load once with `load_reference_data()` and pass the result around; build an `EntityResolver`
from it to map names printed in documents to `ActorRef`s.
"""

from kg.model import ActorKind, ActorRef
from kg.reference.resolver import (
    AmbiguousNameError,
    EntityResolver,
    normalize_name,
    split_name_list,
    tidy_name,
)
from kg.reference.states import (
    Body,
    GaSession,
    Group,
    GroupKind,
    LocalizedNames,
    MembershipStatus,
    Names,
    ReferenceData,
    ReferenceDataError,
    State,
    load_reference_data,
)

__all__ = [
    "ActorKind",
    "ActorRef",
    "AmbiguousNameError",
    "Body",
    "EntityResolver",
    "GaSession",
    "Group",
    "GroupKind",
    "LocalizedNames",
    "MembershipStatus",
    "Names",
    "ReferenceData",
    "ReferenceDataError",
    "State",
    "load_reference_data",
    "normalize_name",
    "split_name_list",
    "tidy_name",
]
