"""The only module that talks to questionary: one tree question in, one answer out.

Questions arrive as `Question` models; yes/no becomes a confirm, an integer a
validated text field with its bounds shown, a choice (or a yes/no that can be
detected) a select list. Ctrl-C and Ctrl-D both raise `Aborted`.

**Every prompt is answered the same way: choose, then Enter.** questionary's
confirm submits on the ``y`` alone, so the Enter a user types out of habit
(every other prompt needs one) landed on the *next* question and silently
accepted its default. Our confirm takes ``y``/``n`` (or 是/否) as a choice that
is shown, and only Enter submits it; Enter alone keeps the default shown in
the hint, as ``[Y/n]`` prompts do. So "y Enter" answers exactly one question,
and nothing is answered by a key pressed for another. (We rejected ignoring
Enter for some milliseconds after a question appears: it depends on the
machine's speed, and a deliberate quick Enter would be lost.)

Input is bounded: a text field stops taking characters at `MAX_INPUT`
(pasting 100,000 characters no longer stalls the prompt for a minute), and the
confirm echoes its answer in the user's language (是/否 in zh-TW).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.errors import Aborted, InvalidAnswerError
from advisor.models import AUTO, AnswerValue, Fact, Question

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from advisor.texts import UI


#: The most characters a text field takes; a whole number within any bounds is far shorter.
MAX_INPUT = 64


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


class _BoundedInput:
    """prompt_toolkit input that drops characters a full text field could not take anyway.

    Dropping them in the key bindings is not enough: each of 100,000 pasted keys
    would still be dispatched one by one (about half a millisecond each). Here they
    are dropped as they are read, so only control keys (Enter, Ctrl-U, Ctrl-C, ...)
    and the characters that fit reach the prompt.
    """

    def __init__(self, inner: Any, room: Any, limit: int) -> None:
        self._inner = inner
        self._room = room
        self._limit = limit

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def read_keys(self) -> list[Any]:
        room = self._room()
        kept = []
        for press in self._inner.read_keys():
            if isinstance(press.key, str) and len(press.key) == 1:  # a character, not a key
                if room <= 0:
                    continue
                room -= 1
            else:  # Ctrl-U, Backspace, arrows... change the field: at most a full field follows
                room = self._limit
            kept.append(press)
        return kept


def _bounded(question: Any, limit: int = MAX_INPUT) -> Any:
    """Stop a text field at *limit* characters, typed or pasted; editing keys keep working."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    app = question.application

    def room() -> int:
        return limit - len(app.current_buffer.text)

    app.input = _BoundedInput(app.input, room, limit)
    extra = KeyBindings()

    @extra.add(Keys.Any, filter=Condition(lambda: room() <= 0))
    def _full(event: Any) -> None:
        """Past the limit, a character is dropped (Keys.Any loses to Enter, Ctrl-U, ...)."""

    @extra.add(Keys.BracketedPaste)
    def _paste(event: Any) -> None:
        text = event.data.replace("\r", "").replace("\n", "")
        event.current_buffer.insert_text(text[: max(0, room())])

    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
    return question


def _confirm(
    message: str, default: bool, hint: str, *, yes: str, no: str, io: dict[str, Any]
) -> Any:
    """A yes/no prompt: y/n (or 是/否) chooses and shows the choice, Enter submits it.

    See the module docstring for why the key alone no longer submits. The answer is
    echoed as *yes*/*no* in the user's language.
    """
    from prompt_toolkit import PromptSession
    from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from questionary.constants import DEFAULT_QUESTION_PREFIX
    from questionary.question import Question as Prompt
    from questionary.styles import merge_styles_default

    state: dict[str, bool | None] = {"answer": None, "done": False}

    def tokens() -> Any:
        parts: StyleAndTextTuples = [
            ("class:qmark", DEFAULT_QUESTION_PREFIX),
            ("class:question", f" {message} "),
        ]
        if not state["done"]:
            parts.append(("class:instruction", f"{hint} "))
        if state["answer"] is not None:
            parts.append(("class:answer", yes if state["answer"] else no))
        return to_formatted_text(parts)

    keys = KeyBindings()

    @keys.add(Keys.ControlC, eager=True)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @keys.add(Keys.ControlD, eager=True)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    def choose(value: bool) -> Any:
        def handler(event: Any) -> None:
            state["answer"] = value

        return handler

    for key in ("y", "Y", "是"):
        keys.add(key)(choose(True))
    for key in ("n", "N", "否"):
        keys.add(key)(choose(False))

    @keys.add(Keys.ControlH)
    def _clear(event: Any) -> None:
        state["answer"] = None

    @keys.add(Keys.ControlM, eager=True)
    def _submit(event: Any) -> None:
        if state["answer"] is None:
            state["answer"] = default
        state["done"] = True
        event.app.exit(result=state["answer"])

    @keys.add(Keys.Any)
    def _other(event: Any) -> None:
        """Any other key (a paste, a digit) is ignored: the answer is y or n."""

    session: Any = PromptSession(
        tokens, key_bindings=keys, style=merge_styles_default([None]), **io
    )
    return Prompt(session.app)


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
        q = _confirm(message, preset, hint, yes=ui("answer_yes"), no=ui("answer_no"), io=io)
    elif question.kind == "integer":

        def validate(text: str) -> bool | str:
            try:
                parse_value(question, text)
            except InvalidAnswerError:
                return ui("integer_hint", bounds=bounds_text(question, compact=True))
            return True

        q = _bounded(
            questionary.text(
                ui("integer_prompt", message=message, bounds=bounds_text(question, compact=True)),
                default="" if question.default is None else str(question.default),
                validate=validate,
                validate_while_typing=False,  # complain on Enter, not at the first keystroke
                **io,
            )
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
