"""Validating a file's group and sessions without pydantic's schema building in a fresh process.

The models build their validators on first use (`defer_build`). For a Session and its group
that is ~45 ms, nearly all of it pydantic working out, in Python, the core schema of every
model inside; the validation itself then takes 3 ms for 1,000 items. pydantic-core makes a
validator out of a ready core schema in under a millisecond. So the first process to validate
a model class keeps the core schema pydantic built for it in the cache folder
(`workshop.cache`, part "validators"), and a later process makes the same validator from it
for its loads, until the class builds its own (on an edit, a save, or `warm`).

The schema is kept without its `metadata` entries, which only pydantic's JSON Schema
generation reads (pydantic-core ignores them) and which hold functions no pickle can hold. The
key covers the model's code, pydantic's and pydantic-core's versions and pydantic's own
schema-building code, and Python's version; anything unusable is passed over and the class
validates as pydantic builds it. With pydantic plugins turned on (`PYDANTIC_DISABLE_PLUGINS`
set to something else than the app's default) pydantic's own path is always taken, as it
wraps validators for the plugins."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from workshop import cache

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import SchemaValidator

M = TypeVar("M", bound="BaseModel")

#: Keys of a core schema node whose value is data, never a schema: not walked into.
_DATA_KEYS = frozenset({"default", "expected", "members", "cls", "schema_ref"})

_validators: dict[type[Any], SchemaValidator | None] = {}


def validate(cls: type[M], doc: Any) -> M:
    """`cls.model_validate(doc)`: the same model, or the same ValidationError."""
    if cls.__pydantic_complete__:
        return cls.model_validate(doc)
    if cls not in _validators:
        _validators[cls] = _kept_validator(cls)
    validator = _validators[cls]
    if validator is None:
        model = cls.model_validate(doc)  # pydantic builds the class's validator
        _keep(cls)
        return model
    return validator.validate_python(doc)  # type: ignore[no-any-return]


def warm(cls: type[BaseModel]) -> None:
    """Have pydantic build the class's own validator and serializer now (a screen does it
    once its first frame is out, not at its first edit or save)."""
    if not cls.__pydantic_complete__:
        cls.model_rebuild()


# -- the cache -----------------------------------------------------------------------------


def _key(cls: type[BaseModel]) -> str | None:
    import pydantic
    import pydantic_core

    model_folder = Path(sys.modules["workshop.model"].__file__ or "").parent
    pydantic_folder = Path(pydantic.__file__).parent
    stamp = cache.code_stamp(model_folder, model_folder / "progress", pydantic_folder / "_internal")
    if stamp is None:
        return None
    return repr(
        (
            cls.__module__,
            cls.__qualname__,
            stamp,
            pydantic.VERSION,
            pydantic_core.__version__,
            sys.version,
        )
    )


def _plugins_off() -> bool:
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true")


def _entry(cls: type[BaseModel]) -> tuple[Path, str] | None:
    folder = cache.cache_folder("validators")
    if folder is None or not _plugins_off():
        return None
    try:
        key = _key(cls)
    except Exception:  # code that cannot be looked at keeps nothing
        return None
    return None if key is None else (folder / cache.entry_name(key), key)


def _kept_validator(cls: type[BaseModel]) -> SchemaValidator | None:
    entry = _entry(cls)
    kept = None if entry is None else cache.load(*entry)
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict)):
        return None
    from pydantic_core import SchemaValidator

    try:
        return SchemaValidator(kept[0], kept[1])
    except Exception:  # a schema this pydantic-core refuses: build it afresh
        return None


def _keep(cls: type[BaseModel]) -> None:
    entry = _entry(cls)
    if entry is None or not cls.__pydantic_complete__:
        return
    try:
        from pydantic._internal._config import ConfigWrapper

        # what pydantic hands pydantic-core beside the schema (_model_construction)
        config = ConfigWrapper(cls.model_config, check=False).core_config(title=cls.__name__)
        schema = without_metadata(cls.__pydantic_core_schema__)
    except Exception:
        return
    cache.save(*entry, (schema, config))


def without_metadata(node: Any) -> Any:
    """A core schema without the `metadata` of its nodes (the dicts whose "type" is a text);
    values that are data (defaults, literals, enum members) are kept as they are."""
    if isinstance(node, dict):
        is_node = isinstance(node.get("type"), str)
        return {
            key: value if is_node and key in _DATA_KEYS else without_metadata(value)
            for key, value in node.items()
            if not (is_node and key == "metadata")
        }
    if isinstance(node, list):
        return [without_metadata(value) for value in node]
    if isinstance(node, tuple):
        return tuple(without_metadata(value) for value in node)
    return node
