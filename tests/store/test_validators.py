"""workshop.store.validators: a fresh process validates with the core schema an earlier one
kept, and gets exactly what pydantic's own validator gives: the same models, the same errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field

from workshop import cache
from workshop.model.base import Model
from workshop.store import validators

#: Run in a fresh interpreter (the classes' state is per process), which must not build a model
#: before: validates the demo's documents (the file named by its argument), good and spoiled,
#: through `validators.validate` and prints each outcome, and how the classes were validated.
CORPUS = r"""
import copy, json, sys
from pydantic import ValidationError
from workshop.model.session import Group, Session
from workshop.store import validators

with open(sys.argv[1], encoding="utf-8") as file:
    group_doc, docs = json.load(file)
bad = []
def spoil(path, value):
    doc = copy.deepcopy(docs[0])
    *parents, last = path
    node = doc
    for step in parents:
        node = node[step]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    bad.append(doc)
spoil(["research", "expectations", 0, "text"], "")
spoil(["research", "expectations", 1, "votes"], -1)
spoil(["research", "expectations", 2, "importance"], 9)
spoil(["research", "expectations", 0, "colour"], "red")
spoil(["consult", "stakeholders", 0, "stance"], "hostile")
spoil(["structure", "actions", 0, "due"], "soon")
spoil(["research", "budget"], float("nan"))
spoil(["participants", 0, "name"], KeyError)
spoil(["id"], "not an id!")
spoil(["notes"], {"nowhere": "x"})
spoil(["created_at"], "yesterday")

def outcome(cls, doc):
    try:
        return validators.validate(cls, doc)
    except ValidationError as error:
        return {"title": error.title, "errors": [
            {k: e[k] for k in ("type", "loc", "msg", "input")} for e in error.errors()
        ]}

done = {
    "group": outcome(Group, group_doc),
    "bad_group": outcome(Group, {**group_doc, "name": ""}),
    "sessions": [outcome(Session, d) for d in docs],
    "bad": [outcome(Session, d) for d in bad],
}
# before anything is dumped (which has pydantic build the class's serializer)
built = {cls.__name__: cls.__pydantic_complete__ for cls in (Group, Session)}
kept = {cls.__name__: validators._validators.get(cls) is not None for cls in (Group, Session)}

def shown(value):
    if isinstance(value, list):
        return [shown(v) for v in value]
    return {"ok": value.model_dump(mode="json")} if hasattr(value, "model_dump") else value

print(json.dumps(
    {**{k: shown(v) for k, v in done.items()}, "kept": kept, "built": built}, default=str
))
"""


@pytest.fixture(scope="module")
def demo_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workshop.model.demo import build_demo

    group, sessions = build_demo(date(2026, 11, 2))
    path = tmp_path_factory.mktemp("corpus") / "demo.json"
    docs = [group.model_dump(mode="json"), [s.model_dump(mode="json") for s in sessions]]
    path.write_text(json.dumps(docs), encoding="utf-8")
    return path


def run_corpus(docs: Path, cache_dir: str, **env: str) -> dict[str, Any]:
    environment = {**os.environ, cache.CACHE_ENV: cache_dir, **env}
    done = subprocess.run(
        [sys.executable, "-c", CORPUS, str(docs)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def outcomes(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k not in ("kept", "built")}


def test_a_later_process_validates_with_the_kept_schema_exactly_as_pydantic(
    tmp_path: Path, demo_docs: Path
) -> None:
    folder = str(tmp_path / "cache")
    first = run_corpus(demo_docs, folder)  # builds through pydantic, and keeps the schemas
    assert first["kept"] == {"Group": False, "Session": False}
    assert first["built"] == {"Group": True, "Session": True}
    assert len(list((tmp_path / "cache" / "validators").glob("*.pickle"))) == 2

    later = run_corpus(demo_docs, folder)
    assert later["kept"] == {"Group": True, "Session": True}
    assert later["built"] == {"Group": False, "Session": False}  # pydantic built nothing
    pydantic_own = run_corpus(demo_docs, "off")
    assert pydantic_own["kept"] == {"Group": False, "Session": False}

    assert outcomes(later) == outcomes(pydantic_own) == outcomes(first)
    assert all("ok" in s for s in later["sessions"]) and len(later["sessions"]) == 2
    # every spoiled document is refused, each for its own reason
    reasons = [tuple(e["type"] for e in bad["errors"]) for bad in later["bad"]]
    assert all(reasons) and len(set(map(str, later["bad"]))) == len(later["bad"]) == 11
    assert later["bad_group"]["title"] == "Group"


def test_a_damaged_or_foreign_entry_is_passed_over(tmp_path: Path, demo_docs: Path) -> None:
    folder = tmp_path / "cache"
    run_corpus(demo_docs, str(folder))
    entries = sorted((folder / "validators").glob("*.pickle"))
    entries[0].write_bytes(b"\x80\x05 not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:-40])  # cut short
    result = run_corpus(demo_docs, str(folder))
    assert result["kept"] == {"Group": False, "Session": False}
    assert result["built"] == {"Group": True, "Session": True}
    assert outcomes(result) == outcomes(run_corpus(demo_docs, "off"))
    # and what pydantic built is kept again for the next process
    assert run_corpus(demo_docs, str(folder))["kept"] == {"Group": True, "Session": True}


def test_with_pydantic_plugins_turned_on_pydantic_validates(
    tmp_path: Path, demo_docs: Path
) -> None:
    folder = str(tmp_path / "cache")
    run_corpus(demo_docs, folder)
    result = run_corpus(demo_docs, folder, PYDANTIC_DISABLE_PLUGINS="")
    assert result["kept"] == {"Group": False, "Session": False}
    assert result["built"] == {"Group": True, "Session": True}


class Odd(BaseModel):
    """Fields named like the keys of a core schema, and data that looks like a node."""

    type: str = "x"
    metadata: dict[str, Any] = Field(default_factory=lambda: {"type": "t", "metadata": 1})
    fixed: dict[str, Any] = {"type": "t", "metadata": 2}


def test_only_the_metadata_of_schema_nodes_is_left_out() -> None:
    schema = Odd.__pydantic_core_schema__
    stripped = validators.without_metadata(schema)
    text = repr(stripped)
    assert "pydantic_js" not in text  # the JSON Schema functions pydantic keeps in metadata
    fields = stripped["schema"]["fields"]
    assert set(fields) == {"type", "metadata", "fixed"}  # fields of those names stay
    assert fields["fixed"]["schema"]["default"] == {"type": "t", "metadata": 2}  # data stays

    def nodes(node: Any) -> int:
        """How many schema nodes carry metadata."""
        if isinstance(node, dict):
            own = int(isinstance(node.get("type"), str) and "metadata" in node)
            return own + sum(nodes(v) for k, v in node.items() if k != "default")
        if isinstance(node, list | tuple):
            return sum(nodes(v) for v in node)
        return 0

    assert nodes(schema) > 0 and nodes(stripped) == 0
    from pydantic_core import SchemaValidator

    made = SchemaValidator(stripped).validate_python({"type": "y", "metadata": {"a": 1}})
    assert (made.type, made.metadata, made.fixed) == ("y", {"a": 1}, {"type": "t", "metadata": 2})


def test_warm_builds_the_class_once() -> None:
    class Late(Model):
        text: str = "x"

    assert not Late.__pydantic_complete__
    validators.warm(Late)
    assert Late.__pydantic_complete__
    validators.warm(Late)  # nothing more to do
    assert Late(text="y").model_dump() == {"text": "y"}


def test_in_this_process_validate_is_model_validate(tmp_path: Path) -> None:
    from pydantic import ValidationError

    from workshop.model.demo import build_demo
    from workshop.model.session import Session

    _, sessions = build_demo(date(2026, 11, 2))
    doc = sessions[0].model_dump(mode="json")
    assert validators.validate(Session, doc) == Session.model_validate(doc)
    with pytest.raises(ValidationError):
        validators.validate(Session, {**doc, "part": 0})
