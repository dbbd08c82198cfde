"""The IPython kernel implementation (reproduction, see inprocess/ipkernel.py)."""
from .kernelbase import Kernel as KernelBase


class IPythonKernel(KernelBase):
    async def do_execute(self, code, silent):
        result = self.shell.run_cell(code, silent=silent)
        return {"status": "ok" if result.success else "error"}
