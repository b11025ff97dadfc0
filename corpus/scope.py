"""The knowledge base's boundary: facts the text never gives, and regions it does not cover."""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from corpus.paths import SCOPE_PATH


class UncoveredAttribute(BaseModel):
    """A kind of fact the policy text does not state (deadlines, hotlines, tax rates, …)."""

    name: str
    pattern: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled question pattern."""
        return re.compile(self.pattern, re.IGNORECASE)


class Scope(BaseModel):
    """What questions fall outside the text."""

    uncovered_attributes: list[UncoveredAttribute]
    other_regions: list[str]
    other_region_policy_pattern: str

    def uncovered_attribute(self, question: str) -> UncoveredAttribute | None:
        """The first uncovered kind of fact the question asks for, if any."""
        return next((a for a in self.uncovered_attributes if a.regex.search(question)), None)

    def other_region_policy(self, question: str) -> str | None:
        """The other region whose own policy the question asks about, if any.

        A region mentioned as where an investor sits (「深圳的创投机构投广州企业」) is not that:
        the question must pair the region with a policy word and not mention Guangzhou.
        """
        if re.search(r"广州|我市|穗|本市|本政策|这个政策|该政策", question):
            return None
        for region in self.other_regions:
            for m in re.finditer(re.escape(region) + self.other_region_policy_pattern, question):
                before, after = question[: m.start()], question[m.start() + len(region) :]
                # 「我们是深圳的VC…」: the region is where the asker sits, not the policy asked about;
                # 「跟深圳合作…」: it is a partner in a measure of this policy.
                if re.search(r"(我们|我司|本机构|本公司)(是|在)?[^，。]{0,3}$", before):
                    continue
                if re.search(r"(跟|与|和|同|联合|对接|赴|去|到)$", before) or re.match(
                    r"(那边|方面|的)?(合作|联动|互设|对接|同城)", after
                ):
                    continue
                return region
        return None


def load_scope(path: Path = SCOPE_PATH) -> Scope:
    """Read the scope file shipped in ``corpus/dictionary``."""
    return Scope.model_validate(json.loads(path.read_text(encoding="utf-8")))
