"""The chemsearch command.

Reproduction of the shape fixed in https://github.com/danparizher/Pax-Academia/pull/74 ("fix: make
network requests asynchronous", commit 183c42d8d5d95bc3f5895f6156c51e47052977f5 "convert PubChem"
and 4cc3ef54abe31e2c037899db857ebd88a9960fae "convert Wikipedia", merged as
6b4775d5e13bedbf72701946ffdbbb2206e0f425): the module-level coroutines get_data (here) and get_wiki
(Wikipedia.py), awaited by the cogs' slash commands, call the synchronous libraries PubChemPy
(imported as pcp) and wikipedia, which fetch over HTTP: pcp.get_compounds(...) and wikipedia.page(...)
and its lazily loaded .summary and .images. The fix made both functions plain and wrapped them with
a decorator running them in a thread. pubchempy.py and wikipedia/ are stand-ins for the two
packages; the four calls are marked.
"""
import pubchempy as pcp
from discord import option
from discord.ext import commands

from util.EmbedBuilder import EmbedBuilder


async def get_data(name: str) -> dict:
    """Look a compound up on PubChem by name."""
    compound = pcp.get_compounds(name, "name")  # bug
    return {
        "iupac_name": compound[0].iupac_name,
        "cid": compound[0].cid,
        "molecular_formula": compound[0].molecular_formula,
        "molecular_weight": compound[0].molecular_weight,
    }


class PubChem(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    def to_subscript(self, number) -> str:
        return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))

    @commands.slash_command(name="chemsearch", description="Searches the database for a compound.")
    @option(name="name", description="The name of the compound to be searched.", required=True)
    async def pubchem(self, ctx: commands.Context, name: str) -> None:
        try:
            data = await get_data(name)
            embed = EmbedBuilder(
                title=f"Properties of __{name.title()}__",
                url=f"https://pubchem.ncbi.nlm.nih.gov/compound/{data['cid']}",
                description=f"**IUPAC Name:**\n{data['iupac_name']}",
                fields=[
                    ["Molecular Formula", self.to_subscript(data["molecular_formula"]), True],
                    ["Molecular Weight", data["molecular_weight"], True],
                ],
            ).build()
            await ctx.respond(embed=embed)
        except IndexError:
            embed = EmbedBuilder(title="Error", description=f"Compound **{name.title()}** not found.").build()
            await ctx.respond(embed=embed)


def setup(bot: commands.Bot) -> None:
    bot.add_cog(PubChem(bot))
