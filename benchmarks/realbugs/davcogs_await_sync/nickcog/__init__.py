from .nickcog import NickCog


async def setup(bot):
    await bot.add_cog(NickCog(bot))
