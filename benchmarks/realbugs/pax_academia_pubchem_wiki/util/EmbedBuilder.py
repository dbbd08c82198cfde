"""Embed helper (reproduction, see cogs/PubChem.py)."""
import discord


class EmbedBuilder:
    def __init__(self, title=None, description=None, url=None, image=None, fields=()):
        self.title, self.description, self.url, self.image, self.fields = title, description, url, image, fields

    def build(self):
        embed = discord.Embed(title=self.title, description=self.description, url=self.url)
        for name, value, inline in self.fields:
            embed.add_field(name=name, value=value, inline=inline)
        if self.image:
            embed.set_image(url=self.image)
        return embed
