"""The prompts themselves (advisor/prompt.py) through prompt_toolkit's pipe input: the real
widgets, scripted keys. What `advisor ask` does with the answers is in test_command.py.

The yes/no prompt takes a choice and then Enter (a key alone never submits, so a habitual
Enter cannot answer the next question), echoes its answer in the user's language, and a
text field takes a bounded number of characters however many are pasted, and a choice
question is a select list that starts on its default.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading

import pytest

from advisor.prompt import MAX_INPUT, ask_question
from advisor.texts import ui
from advisor.tree import load_tree
from tests.helpers import FIXTURES, clean_env, typed

pytest.importorskip("prompt_toolkit")


class Screen(io.StringIO):
    encoding = "utf-8"


def ask(question_id: str, keys: str, lang: str = "en"):
    """Ask one question of the shipped tree; returns (answer, what the screen showed)."""
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    screen = Screen()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=100), term="dumb")
    question = load_tree().questions[question_id]
    with create_pipe_input() as pipe:

        def send() -> None:
            pipe.send_text(keys)
            pipe.close()  # input ends after the keys: a prompt left waiting aborts, never hangs

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        answer = ask_question(question, lang, ui(lang), input=pipe, output=output)
        sender.join(timeout=60)
    return answer, screen.getvalue()


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        ("y\r", True),
        ("n\r", False),
        ("\r", False),  # Enter alone keeps the default shown in the hint
        ("是\r", True),
        ("否\r", False),
        ("yn\r", False),  # the last choice counts
        ("y\x7f\r", False),  # Backspace takes the choice back: the default again
        ("x7q y\r", True),  # other keys are ignored
    ],
)
def test_yes_no_is_a_choice_then_enter(keys, answer):
    assert ask("multi_machine", keys)[0] is answer


def test_choice_question_is_a_select_list(cli):
    """A custom tree's choice question: the default is preselected, arrows move, Enter picks."""
    tree = str(FIXTURES / "trees" / "valid_choice.yaml")
    # "2" is preselected; up picks "1"; then auto-detect
    result = cli(
        "ask", "--tree", tree, "--format", "json", keys=typed(["<up>", "<enter>", "<enter>"])
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["model"] == "threading"
    first = data["path"][0]
    assert (first["question"], first["answer"]) == ("api_version", "1")
    assert f"advisor recommend --tree {tree} --api-version 1" in result.err


def test_a_key_alone_does_not_submit():
    """Only the y arrives: the prompt keeps waiting, and end of input aborts it."""
    from advisor.errors import Aborted

    with pytest.raises(Aborted):
        ask("multi_machine", "y")


def test_the_answer_is_echoed_in_traditional_chinese():
    answer, screen = ask("multi_machine", "y\r", lang="zh-TW")
    assert answer is True
    assert "是" in screen
    assert "Yes" not in screen
    _, screen = ask("multi_machine", "n\r", lang="zh-TW")
    assert "否" in screen
    assert "No" not in screen


def test_the_answer_is_echoed_in_english():
    _, screen = ask("multi_machine", "y\r")
    assert "yes" in screen


PASTE = """
import sys, threading
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from advisor.texts import ui
from advisor.prompt import ask_question
from advisor.tree import load_tree

keys = sys.stdin.read()
with create_pipe_input() as pipe:
    def send():
        pipe.send_text(keys)
        pipe.close()
    threading.Thread(target=send, daemon=True).start()
    question = load_tree().questions["concurrency"]
    print(ask_question(question, "en", ui("en"), input=pipe, output=DummyOutput()))
"""


@pytest.mark.parametrize(
    "paste",
    ["7" * 100_000, "\x1b[200~" + "7" * 100_000 + "\x1b[201~"],
    ids=["typed", "bracketed"],
)
def test_a_huge_paste_does_not_stall_a_number_prompt(paste):
    """100,000 characters used to take minutes; the timeout is a cap, not a measurement."""
    keys = paste + "\r" + "\x15" + "500\r"  # refused (out of range), cleared, retyped
    proc = subprocess.run(
        [sys.executable, "-c", PASTE],
        input=keys,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "500"


def test_a_text_field_keeps_at_most_max_input_characters():
    """A paste longer than the field: what is kept is cut at MAX_INPUT, then refused."""
    from advisor.errors import Aborted

    with pytest.raises(Aborted):
        ask("concurrency", "1" * (MAX_INPUT * 3) + "\r")  # refused, waits, input ends
    answer, _ = ask("concurrency", "9" * (MAX_INPUT * 3) + "\x15" + "42\r")
    assert answer == 42
