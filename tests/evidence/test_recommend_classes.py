"""Issue 19: the classes of wrong models left on real applications after the main path
(docs/recommend-real-world.md), each on our own minimal reproduction, through the installed
CLI in a subprocess, checking what the user reads.

- ``plugin_streamer`` (streamlink): event loops that a synchronous helper runs and returns from,
  deep in the work, and a helper a minority of plugins use, do not make the program async.
- ``site_builder`` (mkdocs): a click group without a default command whose commands lead to
  different answers is asked, naming the commands, never answered from one of them.
- ``cached_formatter`` (black): a digest of a cache key is a light native call: context, never
  ``--native-code yes``.
- ``llm_state_bot`` (aitelegrambot): a method called through an attribute chain whose links the
  code types (``self.state.client.chat``).
- ``socket_relay`` (websockify): an undecided choice is tried only with the values its evidence
  points to and the default (service or script, never GUI): both lead to threading.
- ``libraries/chatwire`` (websockets): a typed package whose only program is an interactive
  console is a library.
- ``irc_plugins`` (sopel): a command table subscripted where it is built, plugins found by
  listing a package's folder, and the bot object every handler thread is handed.
"""

from __future__ import annotations

import json
import shutil

import pytest

import advisor
from tests.evidence.test_real_world import copy, scan_json
from tests.helpers import FIXTURES, run_advisor


def test_a_helpers_own_event_loop_does_not_make_the_program_async(tmp_path) -> None:
    root = copy("plugin_streamer", tmp_path)
    data = scan_json(root)
    assert data["model"] == "threading"
    async_app = data["evidence"]["async_app"]
    assert async_app["answer"] is False
    cited = [e["file"] or "" for e in (*async_app["evidence"], *async_app["conflicting"])]
    assert not any(f.endswith(("probe.py", "browser.py")) for f in cited), cited
    # The coroutines exist: the reason says they were set aside, not that there are none.
    assert [e["reason"] for e in async_app["evidence"]] == [
        "no event loop runs the program's work: the async code it has (4 places) runs "
        "inside helpers that start an event loop for their synchronous caller and return "
        "(first streamer/browser.py:6), or is not the program's own"
    ]
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 0, zh.err
    assert (
        "沒有事件迴圈執行程式的主要工作：程式裡的非同步程式碼（4 處）是在輔助函式裡執行的" in zh.out
    )


def test_commands_that_lead_to_different_answers_are_asked(tmp_path) -> None:
    root = copy("site_builder", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert "still needed: --cpu-bound" in result.err
    assert (
        "sitegen/__main__.py:12: the program's commands differ on --cpu-bound "
        "(build: ?; gh-deploy: no; serve: ?; ?: the code does not tell): answer it for the "
        "command whose work you want to speed up" in result.err
    )
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 2
    assert (
        "sitegen/__main__.py:12: 程式的各個子命令對 --cpu-bound 的答案不同"
        "（build：?；gh-deploy：no；serve：?；?：程式碼無法判斷）：請針對你想加速的那個子命令回答"
        in zh.err
    )
    given = scan_json(root, "--cpu-bound", "yes", "--native-code", "no")
    assert given["model"] == "multiprocessing"


def test_a_digest_of_a_cache_key_says_nothing_about_native_code(tmp_path) -> None:
    root = copy("cached_formatter", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["model"] == "multiprocessing"
    assert "native_code" not in data["evidence"]
    context = [f"{c['file']}:{c['line']}: {c['reason']}" for c in data["context"]]
    assert (
        "fmtr/cache.py:13: calls hashlib.sha256 (hashlib): native code, but a light call, "
        "not the program's work (only heavy native calls answer --native-code)" in context
    )


def test_declared_scripts_that_lead_to_different_answers_are_asked(tmp_path) -> None:
    """csvkit's shape (wireservice/csvkit, setup.py's console scripts): one distribution, many
    tools; ``tabsql`` waits on a database, ``tabstat`` converts every row in Python. Which one
    is the work the user wants faster, the code cannot tell: asked, the tools named (by their modules)."""
    files = {
        "pyproject.toml": (
            '[project]\nname = "tabkit"\nversion = "0.1"\n\n[project.scripts]\n'
            'tabstat = "tabkit.stat:main"\ntabsql = "tabkit.sql:main"\n'
        ),
        "tabkit/__init__.py": "",
        "tabkit/stat.py": (
            "import csv\nimport sys\n\n\ndef number(text):\n    try:\n        return float(text)\n"
            "    except ValueError:\n        return None\n\n\ndef main():\n"
            "    with open(sys.argv[1], newline='') as source:\n"
            "        rows = [[number(cell) for cell in row] for row in csv.reader(source)]\n"
            "    print(len(rows))\n"
        ),
        "tabkit/sql.py": (
            "import sys\n\nimport sqlalchemy\n\n\ndef main():\n"
            "    engine = sqlalchemy.create_engine(sys.argv[1])\n"
            "    with engine.connect() as connection:\n"
            "        print(connection.execute(sqlalchemy.text(sys.argv[2])).all())\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_advisor("scan", ".", "--recommend", cwd=tmp_path)
    assert result.code == 2, result.out
    assert "still needed: --cpu-bound" in result.err
    assert "the program's commands differ on --cpu-bound (sql: no; stat: ?;" in result.err


def test_demo_programs_beside_a_library_are_not_an_application(tmp_path) -> None:
    """psutil's shape (giampaolo/psutil, scripts/free.py, scripts/top.py and setup.py's
    classifiers): every entry point a demo program in scripts/ beside the package, and the
    package declared a library: refused, in both languages. Without the declaration, the
    same layout is a research project's scripts/ and stays a program."""
    files = {
        "sysmon/__init__.py": "import os\n\n\ndef load():\n    return os.getloadavg()\n",
        "scripts/free.py": 'import sysmon\n\nif __name__ == "__main__":\n    print(sysmon.load())\n',
        "scripts/top.py": (
            'import time\n\nimport sysmon\n\nif __name__ == "__main__":\n'
            "    while True:\n        print(sysmon.load())\n        time.sleep(1)\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    program = run_advisor("scan", ".", "--recommend", cwd=tmp_path)
    assert "this looks like a library" not in program.err
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\n\nsetup(name='sysmon', packages=['sysmon'], classifiers=["
        "'Topic :: Software Development :: Libraries'])\n",
        encoding="utf-8",
    )
    result = run_advisor("scan", ".", "--recommend", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "advisor: error: .: this looks like a library: its 2 entry points (scripts/free.py:3, "
        "...) are programs in a helper folder beside the package, and setup.py: Topic :: "
        "Software Development :: Libraries says it is meant to be imported; scan the "
        "application that uses it, or add --application to recommend for this code anyway\n"
    )
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=tmp_path)
    assert zh.code == 2
    assert "它的 2 個進入點（scripts/free.py:3 等）都是套件旁輔助資料夾裡的程式" in zh.err


def test_a_server_mode_in_a_guarded_chain_is_not_the_program(tmp_path) -> None:
    """glances' shape (nicolargo/glances, glances/__init__.py's start) written as a loose
    script's main guard, its chain of modes inside ``try``: the web server is one mode, the
    ``else`` (what runs when no mode is asked for) builds; not a service."""
    from tests.evidence.test_entry_points import WEB
    from tests.evidence.test_subcommands import BUILD, GUARDED_CHAIN

    files = {
        "app/__init__.py": "",
        "app/build.py": BUILD,
        "app/web.py": WEB,
        "run.py": GUARDED_CHAIN,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    data = scan_json(tmp_path, "--cpu-bound", "no", "--async-libs", "no")
    assert data["evidence"]["program"]["answer"] == "script"
    assert data["model"] == "threading"  # was asyncio+executor: a FastAPI service


def test_blocking_calls_at_start_up_leave_the_async_library_to_decide(tmp_path) -> None:
    """aiodnsbrute's shape (blark/aiodnsbrute, aiodnsbrute/cli.py): aiodns for every lookup,
    one blocking ``socket.gethostbyname`` of the domain and the word list's ``open()`` in the
    function that starts the event loop, outside it: context, and asyncio."""
    root = copy("dns_prober", tmp_path)
    data = scan_json(root)
    assert data["model"] == "asyncio"
    assert data["evidence"]["async_libs"]["answer"] is True
    context = [f"{c['file']}:{c['line']}: {c['reason']}" for c in data["context"]]
    assert (
        "dnsprobe/cli.py:32: socket blocks, but once, in the function that starts the event "
        "loop and outside it: it cannot block the tasks, so it does not answer --async-libs"
    ) in context


def test_an_undecided_answer_is_asked_never_the_trees_default(tmp_path) -> None:
    """The same prober with a blocking lookup in a helper every task runs in a thread
    (``asyncio.to_thread``): aiodns (high) against ``socket`` (medium) and ``open`` (low) is
    not two to one, so --async-libs is undecided. (Called directly from the coroutine, the
    helper would block the loop: a strong "no", `tests/fixtures/recommend_classes12`.)
    The tree's default ("no", asyncio+executor) used to stand in for it without a word."""
    root = copy("dns_prober", tmp_path)
    cli = root / "dnsprobe" / "cli.py"
    text = cli.read_text(encoding="utf-8")
    task = "            self.found.append((name, result.addresses))\n"
    blocking = (
        "            await asyncio.to_thread(self.record, name)\n\n"
        "    def record(self, name):\n"
        '        with open(name + ".log", "a") as log:\n'
        "            log.write(socket.gethostbyname(name))\n"
    )
    cli.write_text(text.replace(task, task + blocking), encoding="utf-8")
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert "(still needed: --async-libs)" in result.err
    assert (
        "the code's evidence for --async-libs is weak or points both ways: "
        "dnsprobe/cli.py:28 (no), dnsprobe/cli.py:27 (no), dnsprobe/cli.py:13 (yes)"
    ) in result.err
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 2
    assert "（仍需要：--async-libs）" in zh.err
    assert "程式碼中關於 --async-libs 的證據不足或互相矛盾：dnsprobe/cli.py:28（no）" in zh.err
    assert scan_json(root, "--async-libs", "yes")["model"] == "asyncio"


def test_worker_processes_from_a_context_or_a_subclass_are_process_workers(tmp_path) -> None:
    """cutadapt's shape (marcelm/cutadapt, runners.py): ``class WorkerProcess(mpctx_Process)``
    with ``mpctx_Process = multiprocessing.get_context().Process``; a subclass of
    ``multiprocessing.Process``; a context's ``Process`` and ``Pool`` (context only here: the
    function that calls them is off the main path)."""
    root = copy("read_trimmer", tmp_path)
    data = scan_json(root)
    assert data["model"] == "multiprocessing"
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is True
    cited = [f"{e['file']}:{e['line']}: {e['reason']}" for e in cpu["evidence"]]
    assert cited == [
        "trimmer/pipeline.py:15: hands work to multiprocessing.Process: the author already "
        "treats it as CPU-bound",
        "trimmer/pipeline.py:25: hands work to multiprocessing.Process: the author already "
        "treats it as CPU-bound",
    ]
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 0, zh.err
    assert (
        "trimmer/pipeline.py:15: 把工作交給 multiprocessing.Process：作者已把它當成 CPU 密集的工作"
        in zh.out
    )


def test_string_repetition_is_not_a_hot_loop(tmp_path) -> None:
    """ReText's table mode (retext-project/retext, ReText/editor.py ``_performEdits``):
    ``editsize * row.paddingchar`` and ``2 * gap`` with ``gap = " "`` repeat strings in nested
    loops; read as products they made the program "CPU-bound, nested arithmetic loops"."""
    root = copy("table_aligner", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert "still needed: --cpu-bound" in result.err
    assert "aligner/cli.py:18" not in result.err
    data = scan_json(root, "--cpu-bound", "no", "--concurrency", "2", "--shared-memory", "no")
    cited = [e["reason"] for e in data["evidence"]["cpu_bound"]["evidence"]]
    assert not any("nested loops" in reason for reason in cited), cited
    assert "cpu_heavy_steps" in data["evidence"]
    assert data["evidence"]["cpu_heavy_steps"]["answer"] is False
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 2
    assert "仍需要：--cpu-bound" in zh.err


def test_plugins_from_a_listed_folder_and_a_subscripted_command_table_are_on_the_path(
    tmp_path,
) -> None:
    """sopel's shape (sopel-irc/sopel 8.0.4: cli/run.py, plugins/__init__.py, bot.py): the
    start command comes from ``{...}[action]``, the plugins from a listing of
    ``find_spec("ircbot.builtins")``'s folder; they block (requests, sqlite3) in handler
    threads and write ``bot.memory``. Both were off the path: "asyncio" from the stream
    backend alone (now asyncio+executor, shared state named)."""
    root = copy("irc_plugins", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: asyncio+executor\n")
    assert (
        "ircbot/builtins/seen.py:9: seen runs concurrently and modifies bot.memory, an object "
        "every handler is handed"
    ) in result.out
    assert "ircbot/builtins/weather.py:9: requests blocks the calling thread" in result.out
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 0, zh.err
    assert (
        "ircbot/builtins/seen.py:9: seen 會並行執行，並修改 bot.memory（每個處理常式都拿到的同一個物件）"
        in zh.out
    )
    # The table called where it is subscripted: `{...}[opts.action](opts)`, the same path.
    cli = root / "ircbot" / "cli.py"
    text = cli.read_text(encoding="utf-8")
    called = text.replace("[opts.action]\n    return command(opts)", "[opts.action](opts)")
    assert called != text
    cli.write_text(called.replace("command = {", "return {"), encoding="utf-8")
    assert scan_json(root)["model"] == "asyncio+executor"


def test_a_client_called_through_an_attribute_chain_is_the_library(tmp_path) -> None:
    """aitelegrambot's shape (aitelegrambot 0.8.4, commandhandlers.py): an async handler
    calls the blocking ``ollama.Client`` as ``self.state.client.chat``, through a dataclass
    field and an annotated parameter. It was seen only where it was built: --async-libs
    undecided (exit 2); now a blocking call inside the coroutine, "no"."""
    root = copy("llm_state_bot", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: asyncio+executor\n")
    assert (
        "bot.py:29: Ollama blocks inside async def infer: every task on the event loop "
        "waits with it"
    ) in result.out
    # The "blocks the loop" vote is no library: never listed as one.
    assert "waits on Ollama, python-telegram-bot, and no step computes heavily" in result.out
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 0, zh.err
    assert zh.out.startswith("建議：asyncio+executor")
    assert "bot.py:29: Ollama 在 async def infer 裡阻塞：事件迴圈上的每個任務都跟著等待" in zh.out


def test_an_undecided_choice_is_tried_with_what_the_code_can_mean(tmp_path) -> None:
    """websockify's shape (novnc/websockify 0.13.0, websocketproxy.py): a socketserver import
    leans --program "service" against the default "script"; nothing says GUI or notebook,
    whose models differ. Both values the code can mean lead to threading: recommended, the
    answer named as only sizing the result (was exit 2, "still needed: --program")."""
    root = copy("socket_relay", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: threading\n")
    assert (
        "the code does not answer --concurrency, --program, but every answer leads to "
        "threading: recommended anyway" in result.err
    )
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 0, zh.err
    assert "程式碼沒有回答 --concurrency、--program，但每一種答案都會得到 threading" in zh.err


def test_the_library_raises_for_an_undecided_answer_that_changes_the_model(tmp_path) -> None:
    """`advisor.recommend(evidence=...)` used to fill an undecided answer from the tree's
    default where `scan --recommend` asks (aiodnsbrute's --async-libs: "no", the wrong
    asyncio+executor): it raises `UndecidedAnswerError`, a `MissingAnswersError`."""
    root = copy("dns_prober", tmp_path)
    cli = root / "dnsprobe" / "cli.py"
    task = "            self.found.append((name, result.addresses))\n"
    blocking = (
        "            await asyncio.to_thread(self.record, name)\n\n"
        "    def record(self, name):\n"
        '        with open(name + ".log", "a") as log:\n'
        "            log.write(socket.gethostbyname(name))\n"
    )
    cli.write_text(cli.read_text(encoding="utf-8").replace(task, task + blocking), "utf-8")
    inference = advisor.infer([str(root)])
    with pytest.raises(advisor.UndecidedAnswerError) as raised:
        advisor.recommend(evidence=inference)
    assert isinstance(raised.value, advisor.MissingAnswersError)
    assert raised.value.flags == ("--async-libs",)
    assert raised.value.message() == (
        "the code's evidence for --async-libs is weak or points both ways "
        "(dnsprobe/cli.py:28 (no), dnsprobe/cli.py:27 (no), dnsprobe/cli.py:13 (yes), "
        "dnsprobe/cli.py:20 (yes)): "
        "no leads to asyncio+executor, yes to asyncio; pass async_libs= (the answer for the "
        "work you want to speed up)"
    )
    assert raised.value.message("zh-TW").startswith(
        "程式碼中關於 --async-libs 的證據不足或互相矛盾（dnsprobe/cli.py:28 (no)"
    )
    assert advisor.recommend(evidence=inference, async_libs=True).model == "asyncio"


def test_a_typed_package_whose_program_is_a_console_is_a_library(tmp_path) -> None:
    """websockets' shape (python-websockets/websockets 17.4, cli.py, py.typed): the declared
    script is an interactive client reading what the user types with line editing
    (``import readline``). It was read as an asyncio application. A prompt in a loop
    (red-discordbot's first-run setup asks until the answer is valid) makes no console."""
    root = tmp_path / "chatwire"
    shutil.copytree(FIXTURES / "libraries" / "chatwire", root)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert result.err == (
        "advisor: error: .: this looks like a library: its program, chatwire.cli:main, is an "
        "interactive console (it reads what the user types, line by line), and "
        "chatwire/py.typed says it is meant to be imported; scan the application that uses "
        "it, or add --application to recommend for this code anyway\n"
    )
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 2
    assert zh.err == (
        "advisor: error: .：這看起來是函式庫：它的程式 chatwire.cli:main 是互動式主控台"
        "（逐行讀取使用者輸入的內容），而且 chatwire/py.typed 表示它是供匯入使用的；"
        "請掃描使用它的應用程式，或加上 --application 仍為這段程式碼推薦\n"
    )
    assert scan_json(root, "--application")["model"] == "asyncio"
    # A prompt repeated until the answer is valid, without readline: an application asking.
    cli = root / "chatwire" / "cli.py"
    text = cli.read_text(encoding="utf-8")
    cli.write_text(
        text.replace("        import readline  # noqa: F401\n", "        pass\n"), "utf-8"
    )
    assert scan_json(root)["model"] == "asyncio"
    # Without a mark of a library, a console is how the application runs: recommended.
    cli.write_text(text, encoding="utf-8")
    (root / "chatwire" / "py.typed").unlink()
    assert scan_json(root)["model"] == "asyncio"
