"""end-mark: the content ends with "./." attached to the last word (docs/decree30.md §11 "Closing sentence";
in every Phụ lục III template [Mẫu], hence a warning).

Applies to: every recognised type (known).
Passes: "… biết, thực hiện./."
Fails:  "… biết, thực hiện." → "the content should end with \"./.\""; "thực hiện ./." → "\"./.\" is attached
to the last word, with no space".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import BODY
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the last body paragraph's ending."""
    last = ctx.comps[BODY][-1]
    text = last.text.rstrip()
    if not text.endswith("./."):
        yield RULE.at(ctx, last, _("the content should end with \"./.\""))
    elif text[:-3].endswith((" ", "\u00a0")):
        yield RULE.at(ctx, last, _("\"./.\" is attached to the last word, with no space"))


RULE = Rule("end-mark", "docs/decree30.md §11", Level.WARNING, "./. at the end of the content", _check, needs=(BODY,))
