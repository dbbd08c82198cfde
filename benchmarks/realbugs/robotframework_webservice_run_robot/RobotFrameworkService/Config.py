"""Command-line configuration shared by the routers."""


class Config:
    cmd_args = None
