"""A Jupyter server extension that compiles a .tex file with xelatex.

Reproduction of the shape fixed in https://github.com/jupyterlab/jupyterlab-latex/pull/9 (commit
295eb76eacec80d552e08e3196c96d999d71b74f, "Make subprocess call non-blocking."): the Tornado
request handler LatexHandler.get is a `@gen.coroutine` (Tornado's decorator, run on the server's
IOLoop like a native coroutine) and runs `subprocess.run(["xelatex", ...])` for the whole LaTeX
compilation, blocking the notebook server. The fix used tornado.process.Subprocess and yielded
wait_for_exit().
"""
import glob
import os
import subprocess
from contextlib import contextmanager
from subprocess import PIPE

import tornado.gen as gen
from notebook.base.handlers import APIHandler
from notebook.utils import url_path_join

path_regex = r"(?P<path>(?:(?:/[^/]+)+|/?))"


@contextmanager
def latex_cleanup(whitelist=None):
    before = set(glob.glob("*")) if whitelist is None else set(glob.glob("*")).union(set(whitelist))
    yield
    after = set(glob.glob("*"))
    for fn in set(after - before):
        os.remove(fn)


class LatexHandler(APIHandler):
    """Compile the .tex file at `path` into a PDF beside it."""

    @gen.coroutine
    def get(self, path=""):
        output_filename = os.path.splitext(path.strip("/"))[0] + ".pdf"
        with latex_cleanup(whitelist=[output_filename]):
            result = subprocess.run(  # bug
                ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", f"{path.strip('/')}"],
                stdout=PIPE,
                stderr=PIPE,
            )
            if result.returncode:
                self.log.error(str(result.stdout, "utf-8"))
        self.finish("done")


def _jupyter_server_extension_paths():
    return [{"module": "jupyterlab_latex"}]


def load_jupyter_server_extension(nb_server_app):
    web_app = nb_server_app.web_app
    host_pattern = ".*$"
    web_app.add_handlers(host_pattern, [(url_path_join(web_app.settings["base_url"], r"/latex%s" % path_regex), LatexHandler)])
