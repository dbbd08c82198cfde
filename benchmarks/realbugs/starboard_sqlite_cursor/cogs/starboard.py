from discord.ext import commands


class Starboard(commands.Cog):
    def __init__(self, bot, db):
        self.bot = bot
        self.db = db

    @commands.command(name="starboards", aliases=["boards"], brief="List starboards")
    @commands.guild_only()
    async def list_starboards(self, ctx):
        curr = self.db.cursor()
        async with self.db.lock:
            rows = curr.execute("SELECT * FROM starboards WHERE guild_id=?", (ctx.guild.id,)).fetchall()  # bug
            curr.close()
        if len(rows) == 0:
            await ctx.send("You don't have any starboards")
        else:
            await ctx.send("Starboards:\n" + "\n".join(f"--<#{row['id']}>" for row in rows))
