from pyplanet.core import Controller


async def handle_royal_points(source, signal, **kwargs):
    player = Controller.instance.player_manager.get_player(login=source["login"])  # bug
    return dict(player=player, type=source["type"], points=source["points"])
