"""Issue 19, cause 2: the program kind comes from the default command, not from a server that
another subcommand or another mode starts; on both sides.

Each project is our own minimal reproduction of a shape seen on the recommend corpus
(benchmarks/apps.yaml): mkdocs' click group whose ``serve`` command runs a live-reload
development server beside ``build`` (``@cli.command(name="serve")``), the same with argparse
subparsers (``serve_parser.set_defaults(func=serve)``), and
glances' ``if core.is_standalone(): ... elif core.is_webserver(): ...`` chain of modes. The
other side of each: a click or argparse CLI whose only command serves, a chain whose ``else``
(what runs when no mode is asked for) serves, and an app built at module level.

In memory, through the same inference `advisor scan --recommend` runs.
"""

from __future__ import annotations

from tests.evidence.test_entry_points import WEB, infer, program_of

#: What the non-serving commands do: read pages and write them.
BUILD = (
    "from pathlib import Path\n\n\n"
    "def build(folder):\n    for page in Path(folder).glob('*.md'):\n"
    "        page.with_suffix('.html').write_text(page.read_text())\n"
)


def project(cli: str) -> dict[str, str]:
    return {"app/__init__.py": "", "app/cli.py": cli, "app/web.py": WEB, "app/build.py": BUILD}


#: mkdocs/__main__.py's shape: a click group, ``serve`` one command among several.
CLICK_GROUP = (
    "import click\n\n\n@click.group()\ndef cli():\n    pass\n\n\n"
    '@cli.command(name="serve")\ndef serve_command():\n'
    "    from app.web import serve\n\n    serve()\n\n\n"
    '@cli.command(name="build")\n@click.argument("folder")\ndef build_command(folder):\n'
    "    from app.build import build\n\n    build(folder)\n"
)


def test_a_server_behind_one_click_command_among_several_is_not_the_program() -> None:
    inference = infer(project(CLICK_GROUP), ["app.cli:cli"])
    assert program_of(inference) != "service"
    # The server's module is still reached (a command of the program), not off the path.
    assert "app/web.py" not in dict(inference.off_path)


def test_a_click_cli_whose_only_command_serves_is_a_service() -> None:
    cli = (
        "import click\n\n\n@click.group()\ndef cli():\n    pass\n\n\n"
        "@cli.command()\ndef run():\n    from app.web import serve\n\n    serve()\n"
    )
    assert program_of(infer(project(cli), ["app.cli:cli"])) == "service"


#: The same program with argparse subparsers, each naming its function.
SUBPARSERS = (
    "import argparse\n\nfrom app.build import build\nfrom app.web import serve\n\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n"
    "    commands = parser.add_subparsers(required=True)\n"
    '    serve_parser = commands.add_parser("serve")\n'
    "    serve_parser.set_defaults(func=serve_site)\n"
    '    build_parser = commands.add_parser("build")\n'
    '    build_parser.add_argument("folder")\n'
    "    build_parser.set_defaults(func=build_folder)\n"
    "    args = parser.parse_args()\n    args.func(args)\n\n\n"
    "def serve_site(args):\n    serve()\n\n\n"
    "def build_folder(args):\n    build(args.folder)\n"
)


def test_a_server_behind_one_argparse_subcommand_among_several_is_not_the_program() -> None:
    assert program_of(infer(project(SUBPARSERS), ["app.cli:main"])) != "service"


def test_an_argparse_cli_whose_only_subcommand_serves_is_a_service() -> None:
    cli = SUBPARSERS.replace("    build_parser.set_defaults(func=build_folder)\n", "")
    assert program_of(infer(project(cli), ["app.cli:main"])) == "service"


#: glances/__init__.py's start(): one mode per branch, the web server one of them.
CHAIN = (
    "import argparse\n\nfrom app.build import build\nfrom app.web import serve\n\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n"
    '    parser.add_argument("-w", "--webserver", action="store_true")\n'
    '    parser.add_argument("-s", "--server", action="store_true")\n'
    "    args = parser.parse_args()\n"
    "    if not (args.webserver or args.server):\n        build('.')\n"
    "    elif args.server:\n        build('site')\n"
    "    elif args.webserver:\n        serve()\n"
)


def test_a_server_in_one_branch_of_a_chain_of_modes_is_not_the_program() -> None:
    assert program_of(infer(project(CHAIN), ["app.cli:main"])) != "service"


def test_a_chain_whose_default_branch_serves_is_a_service() -> None:
    """``if args.version: ... elif args.check: ... else: serve()``: the ``else`` runs when
    no other mode is asked for; the program serves."""
    cli = (
        "import argparse\n\nfrom app.build import build\nfrom app.web import serve\n\n\n"
        "def main():\n    parser = argparse.ArgumentParser()\n"
        '    parser.add_argument("--version", action="store_true")\n'
        '    parser.add_argument("--check", action="store_true")\n'
        "    args = parser.parse_args()\n"
        "    if args.version:\n        print('1.0')\n"
        "    elif args.check:\n        build('.')\n"
        "    else:\n        serve()\n"
    )
    assert program_of(infer(project(cli), ["app.cli:main"])) == "service"


def test_an_app_built_at_module_level_beside_subcommands_is_a_service() -> None:
    """A FastAPI app built when the entry module is imported serves whatever command runs
    it (``uvicorn app.cli:app``), even beside a click group of maintenance commands."""
    cli = (
        "import click\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        '@app.get("/")\nasync def index():\n    return {}\n\n\n'
        "@click.group()\ndef cli():\n    pass\n\n\n"
        "@cli.command()\ndef initdb():\n    from app.build import build\n\n    build('.')\n\n\n"
        "@cli.command()\ndef check():\n    print('ok')\n"
    )
    assert program_of(infer(project(cli), ["app.cli:cli"])) == "service"


def test_the_default_command_of_a_group_decides() -> None:
    """datasette: ``@click.group(cls=DefaultGroup, default="serve")``: ``serve`` is what the
    program runs when no command is named; the program serves."""
    cli = CLICK_GROUP.replace("@click.group()", '@click.group(default="serve")')
    assert program_of(infer(project(cli), ["app.cli:cli"])) == "service"


#: The same chain of modes, in the main guard and inside a ``try`` (a program that exits
#: quietly on Ctrl-C), as a loose script's start often is.
GUARDED_CHAIN = (
    "import argparse\n\nfrom app.build import build\nfrom app.web import serve\n\n"
    'if __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n'
    '    parser.add_argument("-w", "--webserver", action="store_true")\n'
    "    args = parser.parse_args()\n    try:\n"
    "        if args.webserver:\n            serve()\n"
    "        elif args.check:\n            print('ok')\n"
    "        else:\n            build('.')\n"
    "    except KeyboardInterrupt:\n        pass\n"
)


def test_a_chain_of_modes_in_a_main_guard_inside_try_is_modes_too() -> None:
    files = {
        "app/build.py": BUILD,
        "app/web.py": WEB,
        "app/__init__.py": "",
        "run.py": GUARDED_CHAIN,
    }
    assert program_of(infer(files)) != "service"
    # The other side: the same chain whose else serves.
    serving = GUARDED_CHAIN.replace("serve()\n", "build('.')\n", 1).replace(
        "            build('.')\n    except", "            serve()\n    except"
    )
    assert program_of(infer({**files, "run.py": serving})) == "service"


def test_a_chain_of_modes_inside_with_in_a_function_is_modes_too() -> None:
    cli = CHAIN.replace("    if not (args", "    with open('log', 'a'):\n      if not (args")
    cli = cli.replace("\n    elif", "\n      elif")
    assert program_of(infer(project(cli), ["app.cli:main"])) != "service"


def test_beside_a_declared_default_the_other_commands_are_listed_not_counted() -> None:
    """A group whose default is ``build``: the program is decided from ``build``; what only
    ``serve`` reaches (its web framework) is listed as off the main path."""
    cli = CLICK_GROUP.replace("@click.group()", '@click.group(default="build")')
    inference = infer(project(cli), ["app.cli:cli"])
    assert program_of(inference) != "service"
    assert "app/web.py" in dict(inference.off_path)
    # Without a default, the same server module is one command's, reached, not off the path.
    assert "app/web.py" not in dict(infer(project(CLICK_GROUP), ["app.cli:cli"]).off_path)
