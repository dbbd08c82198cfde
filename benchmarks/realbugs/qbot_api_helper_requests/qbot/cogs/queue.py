# queue.py
"""Queue cog (reproduction, see ../qbot.py)."""

import random

import discord
from discord.ext import commands


class QQueue:
    def __init__(self, capacity=10):
        self.active = []
        self.capacity = capacity
        self.bursted = []


class QueueCog(commands.Cog):
    """ Cog to manage queues of players among multiple servers. """

    def __init__(self, bot, api_helper, color):
        self.bot = bot
        self.api_helper = api_helper
        self.color = color
        self.guild_queues = {}

    @commands.command(brief='Join the queue')
    async def join(self, ctx):
        """ Check if the member can be added to the guild queue and add them if so. """
        queue = self.guild_queues.setdefault(ctx.guild, QQueue())

        if ctx.author in queue.active:
            title = f'**{ctx.author.display_name}** is already in the queue'
        elif len(queue.active) >= queue.capacity:
            title = f'Unable to add **{ctx.author.display_name}**: Queue is full'
        elif not self.api_helper.is_linked(ctx.author):  # bug
            title = f'Unable to add **{ctx.author.display_name}**: Their account not linked'
        else:
            player = self.api_helper.get_player(ctx.author)  # bug
            if not player:
                title = f'Unable to add **{ctx.author.display_name}**: Cannot verify match status'
            elif player.in_match:
                title = f'Unable to add **{ctx.author.display_name}**: They are already in a match'
            else:
                queue.active.append(ctx.author)
                title = f'**{ctx.author.display_name}** has been added to the queue'

        if len(queue.active) == queue.capacity:
            queue.bursted = queue.active
            queue.active = []
            team_size = queue.capacity // 2
            shuffled_players = queue.bursted.copy()
            random.shuffle(shuffled_players)
            match = self.api_helper.start_match(shuffled_players[:team_size], shuffled_players[team_size:])  # bug
            if match:
                description = f'URL: {match.connect_url}\nCommand: `{match.connect_command}`'
                embed = discord.Embed(title='Server ready!', description=description, color=self.color)
            else:
                embed = discord.Embed(title='There was a problem!', color=self.color)
            await ctx.send(embed=embed)
            return

        embed = discord.Embed(title=title, color=self.color)
        await ctx.send(embed=embed)
