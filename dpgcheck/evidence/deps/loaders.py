"""Safe, bounded loading of the structured formats manifests use (JSON, TOML, YAML, XML).

Every failure becomes a :class:`ParseError` carrying the path and, where known, the line, so
``collect`` can report the manifest and carry on.
"""

from __future__ import annotations

from typing import Any

from dpgcheck.errors import ParseError

#: YAML is slow to parse in pure Python; manifests beyond this are reported, not parsed.
MAX_YAML_BYTES = 8 * 1024 * 1024


def load_json(path: str, text: str) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"invalid JSON: {exc}", path=path) from None


def load_toml(path: str, text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ParseError(f"invalid TOML: {str(exc).split(' (at')[0]}", path=path,
                         line=line) from None
    except RecursionError:
        raise ParseError("TOML nested too deeply", path=path) from None


def load_yaml_documents(path: str, text: str) -> list[Any]:
    """All documents of a YAML file, safe-loaded within budgets (no tags that build objects;
    application tags such as Compose's ``!reset`` read as the value they tag)."""
    from dpgcheck.repo import yamlsafe

    docs = yamlsafe.load_all(text, path, max_bytes=MAX_YAML_BYTES, tolerant_tags=True)
    return [doc for doc in docs if doc is not None]


def load_yaml(path: str, text: str) -> Any:
    docs = load_yaml_documents(path, text)
    return docs[0] if docs else None


def load_xml(path: str, text: str) -> Any:
    """An ElementTree root, parsed by defusedxml: no entity expansion, no external fetches."""
    from xml.etree.ElementTree import ParseError as XmlError

    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        return SafeET.fromstring(text.encode("utf-8"))
    except XmlError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ParseError(f"invalid XML: {exc}", path=path, line=line) from None
    except DefusedXmlException as exc:
        raise ParseError(f"unsafe XML refused: {type(exc).__name__}", path=path) from None
    except RecursionError:
        raise ParseError("XML nested too deeply", path=path) from None


def local_name(tag: Any) -> str:
    """``{namespace}artifactId`` -> ``artifactId``."""
    return str(tag).rpartition("}")[2] if isinstance(tag, str) else ""
