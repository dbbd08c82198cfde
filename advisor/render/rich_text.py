"""Rich's ``Text``, broken into lines the way Chinese is typeset.

Rich breaks a line only at spaces. A zh-TW paragraph has spaces only around the English words
in it, so in a panel the line broke at the one space before "I/O" and left "→ I/O" alone on a
line, a long run of Chinese was chopped at the panel's edge wherever it fell ("FastAPI/S" /
"tarlette"), and "。" could start a line (newcomer review 21, #10). This ``Text`` breaks between
any two Chinese characters, never inside an English word, never before closing punctuation nor
after opening punctuation, by the rules the prompts and the scan report already use
(advisor/render/wrapping.py). A line without wide characters is broken exactly as rich breaks it.

The renderers build their prose with this class; ``assemble`` and ``from_markup`` of rich
construct ``cls``, so they keep it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text as _RichText

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod, OverflowMethod
    from rich.containers import Lines


class Text(_RichText):
    """A rich ``Text`` whose lines with Chinese in them break between characters."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """Rich's own wrapping for every line but those with wide characters and room to
        break them, which are divided at ``line_starts``; a piece still too wide (a long
        English word) goes back to rich, which folds it as it would have."""
        from rich.containers import Lines

        from advisor.render.wrapping import has_wide, line_starts

        if no_wrap or self.no_wrap or overflow == "ignore" or not has_wide(self.plain):
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            for piece in line.divide(line_starts(line.plain, width)):
                piece.rstrip_end(width)
                lines.extend(
                    _RichText.wrap(
                        piece,
                        console,
                        width,
                        justify=justify or self.justify,
                        overflow=overflow or self.overflow,
                        tab_size=tab_size,
                    )
                )
        return lines
