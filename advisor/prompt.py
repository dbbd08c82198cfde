"""The only module that talks to questionary: one tree question in, one answer out.

Questions arrive as `Question` models; yes/no becomes a confirm, an integer a
validated text field with its bounds shown, a choice (or a yes/no that can be
detected) a select list. Ctrl-C and Ctrl-D both raise `Aborted`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.errors import Aborted, InvalidAnswerError
from advisor.models import AUTO, AnswerValue, Fact, Question

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from advisor.i18n import UI


def _terminal_columns() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def _with_ctrl_d(question: Any) -> Any:
    """confirm and select ignore Ctrl-D; make it abort, as it does in a text field."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    extra = KeyBindings()

    @extra.add("c-d", eager=True)
    def _abort(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
    return question


def ask_question(
    question: Question,
    lang: str,
    ui: UI,
    *,
    fact: Fact | None = None,
    input: Input | None = None,
    output: Output | None = None,
) -> AnswerValue:
    """Prompt once; the value is already parsed and validated."""
    import questionary

    from advisor.answers import bounds_text, parse_value
    from advisor.render.wrapping import wrap

    message = question.prompt.get(lang)
    io: dict[str, Any] = {"input": input, "output": output}
    columns = output.get_size().columns if output is not None else _terminal_columns()
    questionary.print(
        wrap(question.help.get(lang), columns - 1, indent="  "),
        style="fg:ansibrightblack italic",
        output=output,
    )
    if question.kind == "yesno" and question.detect:
        detected = ui("answer_yes") if fact and fact.value else ui("answer_no")
        choices = [
            questionary.Choice(f"{ui('auto_choice')} ({detected})", value=AUTO),
            questionary.Choice(ui("answer_yes"), value=True),
            questionary.Choice(ui("answer_no"), value=False),
        ]
        q = _with_ctrl_d(
            questionary.select(
                message, choices=choices, default=choices[0], instruction=ui("select_hint"), **io
            )
        )
    elif question.kind == "yesno":
        preset = question.default if isinstance(question.default, bool) else False
        hint = ui("confirm_hint_yes") if preset else ui("confirm_hint_no")
        q = _with_ctrl_d(questionary.confirm(message, default=preset, instruction=hint, **io))
    elif question.kind == "integer":

        def validate(text: str) -> bool | str:
            try:
                parse_value(question, text)
            except InvalidAnswerError:
                return ui("integer_hint", bounds=bounds_text(question, compact=True))
            return True

        q = questionary.text(
            f"{message} ({bounds_text(question, compact=True)})",
            default="" if question.default is None else str(question.default),
            validate=validate,
            validate_while_typing=False,  # complain on Enter, not at the first keystroke
            **io,
        )
    else:
        choices = [questionary.Choice(c.label.get(lang), value=c.value) for c in question.choices]
        start = next((c for c in choices if c.value == question.default), None)
        q = _with_ctrl_d(
            questionary.select(
                message, choices=choices, default=start, instruction=ui("select_hint"), **io
            )
        )
    try:
        raw = q.unsafe_ask()
    except (KeyboardInterrupt, EOFError) as exc:
        raise Aborted(ui("aborted")) from exc
    if raw is None:  # questionary's own cancel path
        raise Aborted(ui("aborted"))
    return raw if raw == AUTO else parse_value(question, raw)
