"""What every regex rule file in ``corpus/understanding`` shares: named fragments, placeholders, reading.

A rule file writes regexes that name shared pieces as ``{name}``: the lexicon's word lists the
loader passes in, and the file's own ``fragments`` (each may name the lists and the fragments
above it). This module expands and compiles them, and reads a file into its pydantic model with
errors in Chinese that say which rule or fragment is wrong.

Example:
    >>> named = expand_fragments({"unsure": Fragment(pattern=("不清楚", "不确定"))}, {}, ValueError)
    >>> compile_regex(expand("到账多少{unsure}", named, "例", ValueError), "例", ValueError).pattern
    '到账多少(?:不清楚|不确定)'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = ["Fragment", "RuleData", "compile_regex", "expand", "expand_fragments", "read_rule_file"]

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")  # letters first: 「{0,3}」 is a quantifier, not a name
Model = TypeVar("Model", bound=BaseModel)


class RuleData(BaseModel):
    """A record of a rule file: no unknown keys, never changed once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Fragment(RuleData):
    """A named regex the rules share; a list is alternatives, one to a line."""

    pattern: str | tuple[str, ...]
    ignore_case: bool = False
    why: str = ""

    @property
    def regex(self) -> str:
        """The regex as written, placeholders not yet expanded."""
        text = self.pattern if isinstance(self.pattern, str) else "|".join(self.pattern)
        return f"(?i:{text})" if self.ignore_case else text


def expand(regex: str, named: Mapping[str, str], where: str, error: type[Exception]) -> str:
    """``regex`` with every ``{name}`` replaced by its group; ``where`` names it in the error."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in named:
            raise error(f"{where} 用了未定义的占位符 {{{name}}}（可用：{'、'.join(named)}）")
        return f"(?:{named[name]})"

    return _PLACEHOLDER.sub(one, regex)


def compile_regex(regex: str, where: str, error: type[Exception]) -> re.Pattern[str]:
    """The compiled regex, or ``error`` saying where it is wrong."""
    try:
        return re.compile(regex)
    except re.error as exc:
        raise error(f"{where} 的正则有误：{exc}") from exc


def expand_fragments(
    fragments: Mapping[str, Fragment], words: Mapping[str, str], error: type[Exception]
) -> dict[str, str]:
    """The lexicon's lists and the file's fragments, each expanded, by name."""
    named = dict(words)
    for name, fragment in fragments.items():
        if name in named:
            raise error(f"片段 {name} 与词表占位符或另一片段同名")
        named[name] = expand(fragment.regex, named, f"片段 {name}", error)
        compile_regex(named[name], f"片段 {name}", error)
    return named


def read_rule_file(path: Path, model: type[Model], label: str, error: type[Exception]) -> Model:
    """The file at ``path`` read into ``model``; ``label`` (「地点角色规则」) names the file in errors."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"找不到{label}文件：{path}") from exc
    except json.JSONDecodeError as exc:
        raise error(f"{label}文件 {path} 不是有效的 JSON：第{exc.lineno}行，{exc.msg}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" for e in exc.errors())
        raise error(f"{label}文件 {path} 有误：{problems}") from exc
