from .heartbeat import Heartbeat


def setup(bot):
    bot.add_cog(Heartbeat(bot))
