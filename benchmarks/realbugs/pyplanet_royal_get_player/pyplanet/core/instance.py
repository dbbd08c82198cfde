from pyplanet.contrib.player import PlayerManager


class Instance:
    """
    Controller Instance.

    :ivar player_manager: Contrib: Player Manager.
    """

    def __init__(self, process_name):
        self.process_name = process_name
        self.player_manager = PlayerManager(self)
