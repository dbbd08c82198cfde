import os


def get_environment_variable(name):
    return os.environ[name]
