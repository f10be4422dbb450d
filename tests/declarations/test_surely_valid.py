"""The declarations fast path: ``surely_valid`` says "valid" only where jsonschema agrees.

Generated files are the shipped example mutated at random (values swapped for others of every
JSON type, keys dropped, unknown keys added). Whatever the fast path accepts, jsonschema must
find no error and no unknown key in; the shipped examples must take the fast path, and a
valid file must be checked without importing jsonschema at all.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from dpgcheck.declarations.schema import schema, to_json
from dpgcheck.declarations.surely_valid import surely_valid

ROOT = Path(__file__).resolve().parents[2]

#: Values of every JSON type, and the edge cases of the schema's keywords: whole-number
#: floats, booleans beside numbers, out-of-range SDGs, URLs with and without a scheme.
POOL: list[Any] = [None, True, False, 0, 1, 3, 17, 18, -1, 1.0, 3.0, 2.5, float("nan"), "",
                   "1", "x", "software", "data", "none", "stored", "maybe", "https://a.example",
                   "http://a.example/x", "mailto:a@example.org", "ftp://a.example",
                   "https://has space", [], [1], ["x"], [None], ["https://a.example"],
                   [{"name": "x"}], [{"number": 3, "relevance": "r"}], {}, {"name": "x"},
                   {"name": 1}, {"name": "x", "evidence_url": "https://a.example"},
                   {"unknown": 1}, {"number": 3}]


def example() -> dict[str, Any]:
    return to_json(yaml.safe_load((ROOT / "examples/dpg.yml").read_text("utf-8")))


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``value`` a mutation can reach."""
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += paths(child, (*prefix, index))
    return out


def mutate(instance: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(instance)
    for _ in range(rng.randint(1, 3)):
        where = rng.choice(paths(out)[1:])
        parent = out
        for step in where[:-1]:
            parent = parent[step]
        action = rng.random()
        if action < 0.7:
            parent[where[-1]] = copy.deepcopy(rng.choice(POOL))
        elif action < 0.85 and isinstance(parent, dict):
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(["unknown", "sdg", "licence", "name2"])] = rng.choice(POOL[:6])
    return out


def test_shipped_example_takes_the_fast_path() -> None:
    assert surely_valid(example(), schema())
    doc = (ROOT / "docs/declarations.md").read_text("utf-8")
    block = doc.split("```yaml\n")[1].split("```")[0]
    assert surely_valid(to_json(yaml.safe_load(block)), schema())


def test_fast_path_accepts_only_what_jsonschema_finds_valid() -> None:
    validator = Draft202012Validator(schema())
    rng = random.Random(20261207)
    base = example()
    accepted = rejected_valid = invalid = 0
    for _ in range(3000):
        instance = mutate(base, rng)
        errors = list(validator.iter_errors(instance))
        if surely_valid(instance, schema()):
            accepted += 1
            assert errors == [], json.dumps(instance, default=str)[:400]
        elif errors:
            invalid += 1
        else:
            rejected_valid += 1  # valid, but the fast path could not tell: jsonschema judges
    # The generator reaches both sides: many valid files take the fast path, many invalid
    # ones do not, and few valid ones are left to jsonschema (whole-number floats and the like).
    assert accepted > 300 and invalid > 300, (accepted, invalid, rejected_valid)
    assert rejected_valid < accepted // 5, (accepted, rejected_valid)


def test_not_sure_on_keywords_it_does_not_model() -> None:
    assert not surely_valid("x", {"type": "string", "format": "email", "maxLength": 3})
    assert not surely_valid(3.0, {"type": "integer"})
    assert not surely_valid(1.0, {"enum": [1]})
    assert not surely_valid(True, {"enum": [1]})
    assert not surely_valid({"a": 1}, {"$ref": "other.json#/a"})
    assert not surely_valid([1], {"prefixItems": [{"type": "integer"}], "items": False})
    assert surely_valid({"a": [1, 2]}, {"type": "object", "additionalProperties": False,
                                        "properties": {"a": {"type": "array",
                                                             "items": {"type": "integer"}}}})


def test_a_valid_file_is_checked_without_importing_jsonschema(tmp_path: Path) -> None:
    (tmp_path / "dpg.yml").write_text((ROOT / "examples/dpg.yml").read_text("utf-8"), "utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "dpg.yml").write_text("sdgs:\n  - number: 18\n", "utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dpgcheck.declarations.loader import load_declarations\n"
        "from dpgcheck.errors import ParseError\n"
        "from dpgcheck.repo.view import RepoView\n"
        "load_declarations(RepoView.from_path(Path(sys.argv[1])))\n"
        "print('jsonschema' in sys.modules)\n"
        "try:\n"
        "    load_declarations(RepoView.from_path(Path(sys.argv[2])))\n"
        "except ParseError as exc:\n"
        "    print(exc)\n"
        "print('jsonschema' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(broken)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["False", "dpg.yml:2:13: sdgs[0].number: SDG 18 does not exist: use 1-17",
                   "True"]
