"""Static entry point to reach the controller instance without a reference to it."""


class _Controller:
    def __init__(self, *args, **kwargs):
        self.name = None
        self.__instance = None

    def prepare(self, name):
        from pyplanet.core.instance import Instance

        self.name = name
        self.__instance = Instance(name)
        return self

    @property
    def instance(self):
        """
        Get active instance in current process.

        :rtype: pyplanet.core.instance.Instance
        """
        return self.__instance


Controller = _Controller()
