# Reproduction of the shape fixed by https://github.com/Firmaprim/MTbot/pull/3 ("Use aiohttp instead
# of requests": "requests is blocking, making it impossible to process other commands while waiting
# for the server response"): the bot's discord.py command coroutines fetched the Mathraining site
# with requests.get directly (info, solved, the background task) and through GetMTScore, a sync
# helper of the same module that calls requests.get (ask, update). The module star-imports discord,
# bs4 and asyncio. The fix moved to an aiohttp ClientSession and made GetMTScore async.
from discord import *
from discord.ext import commands
from discord.utils import get

import requests
from bs4 import *
from asyncio import *

from traceback import format_exc

intents = Intents.default()
intents.members = True

bot = commands.Bot(command_prefix='&', description='Bot Mathraining', intents=intents)

token = 'SECRET'

nonRattachee = "Cette personne n'est pas rattachée à un compte Mathraining."
errmsg = "Une erreur a été rencontrée, contactez un Admin ou un Modérateur."

##_________________Fonctions_Annexes____________________


def GetMTScore(idMT: int) :
    soup = BeautifulSoup(requests.get("http://www.mathraining.be/users/"+str(idMT)).text,"lxml")  #on récupère le code source de la page
    try :
        htmlscore = soup.find_all('td', limit = 5)
        if htmlscore != [] : return int(htmlscore[4].getText().strip())
        else : return 2 #Identifiant non attribué
    except :
        if htmlscore[1].getText().strip() == "Administrateur" : return 1 #Administrateur
        else : return 0 #Personne n'ayant aucun point


def roleScore(s):
    """Renvoie le role correspondant au score"""
    try:
        if s >= 7500: role = "Grand Maitre"
        elif s >= 5000: role = "Maitre"
        elif s >= 70:  role = "Débutant"
        elif s == 2 : role = "Inconnu"
        elif s == 1 : role = "Administrateur"
        else : role = "Novice"
        return role
    except : return -1


async def FindUser(user: Member,canal) :
        idMT = 0
        if user == None : return 0
        async for message in canal.history(limit=1000):
            msg = message.content.split()
            if msg[0] == user.mention:
                idMT = int(msg[1])
                break
        return idMT


async def FindMT(idMT: int, canal) :
        user = 0; test= str(idMT)
        async for message in canal.history(limit=1000):
            msg = message.content.split()
            if msg[1] == test:
                user = int(msg[0][2:-1])
                break
        return user


async def erreur(e,ctx=None) :
    err="- "+"[Erreur "+e+'] '+'\n'+format_exc();print(err)
    await canalLogsBot.send("```diff\n"+err+"```")
    if ctx:
        await ctx.send("**[Erreur "+e+']** '+"`"+errmsg+"`")


@bot.event
async def on_ready():
    global serveur, canalInfoBot, canalEnAttente, canalGeneral, canalLogsBot
    serveur = bot.get_guild(430287978192044037)
    canalInfoBot = serveur.get_channel(448105204349403137)
    canalEnAttente = serveur.get_channel(605001945924763648)
    canalGeneral = serveur.get_channel(430291539449872384)
    canalLogsBot = serveur.get_channel(665532091622096927)
    await bot.change_presence(activity=Game(name="Mathraining | &help"))


@bot.command(pass_context = True)
async def ask(ctx,idMTnew: int):
    '''Pour pouvoir utiliser le bot: ask @utilisateur idMathraining'''
    user=ctx.message.author
    try:
        msay=await ctx.send("`Chargement en cours ...`")
        idMTold,idMTatt=(await FindUser(user, canalInfoBot)),(await FindUser(user,canalEnAttente))
        if idMTold == 0 and idMTatt == 0 :
            Score=GetMTScore(idMTnew)  # bug
            UserId,UserIdatt = (await FindMT(idMTnew, canalInfoBot)),(await FindMT(idMTnew,canalEnAttente))
            if UserId != 0 : await msay.edit(content="Ce compte Mathraining appartient déjà à "+str(bot.get_user(UserId))+" !")
            elif Score == 2 : await msay.edit(content="Le compte Mathraining renseigné n'existe pas !")
            else :
                await canalEnAttente.send(str(user.mention)+ " " + str(idMTnew))
                await msay.edit(content="Vous venez de recevoir un message privé sur le site. Suivez les instructions demandées.")
        elif idMTold == idMTnew and idMTold != 0 : await msay.edit(content="Vous êtes déjà relié au bot avec le même id !")
    except Exception as exc : await erreur('ASK',ctx)


@bot.command(pass_context = True)
async def update(ctx,user: Member = None):
    '''Pour mettre à jour son/ses roles'''
    try:
        if user == None : user = ctx.message.author
        idMT=(await FindUser(user,canalInfoBot))

        if idMT != 0:
            role = roleScore(GetMTScore(idMT))  # bug
            if role == -1: await erreur('ROLESCORE',ctx); return
            servRole = get(serveur.roles, name = role)
            await user.add_roles(servRole)
            await ctx.send("Vous avez maintenant le rôle "+role+" !")
        else: await ctx.send(nonRattachee)
    except Exception as exc : await erreur('UPDATE',ctx)


@bot.command()
async def info(ctx,user = None):
    """Affiche les stats d'un utilisateur lié"""
    try:
        if user == None : user = ctx.message.author
        idMT = (await FindUser(user,canalInfoBot))
        if idMT != 0:
            url="http://www.mathraining.be/users/"+str(idMT)
            soup = BeautifulSoup(requests.get(url).text, "lxml")  # bug
            Infos=list(filter(None,[td.getText().strip() for td in soup.find_all('td', limit = 39)]))
            embed = Embed(title=Infos[0] + " - " + Infos[1], url=url, description="Membre n°"+str(idMT))
            await ctx.send(embed=embed)
        else: await ctx.send(nonRattachee)
    except Exception as exc : await erreur('INFO',ctx)


@bot.command()
async def solved(ctx, user: Member, idpb: int):
    """Indique si le problème numéro numPb a été résolu par l'utilisateur"""
    try:
        idMT=(await FindUser(user,canalInfoBot))
        if idMT != 0:
            response = requests.get("http://mathraining.be/users/" + str(idMT)).text  # bug
            namepb = '#' + str(idpb)
            await ctx.send("Problème"+[" non "," "][namepb in response]+"résolu par l'utilisateur.")
        else: await ctx.send(nonRattachee)
    except Exception as exc : await erreur('SOLVED',ctx)


##Tâches d'arrière-plan

async def background_tasks_mt():
    debut=0
    numsOld=[0]*4
    await bot.wait_until_ready()
    while not bot.is_closed :
        try:
            #Chiffres remarquables
            soup = BeautifulSoup(requests.get("http://www.mathraining.be/").text,"lxml")  # bug
            info = soup.find_all('td',attrs={"class":u"left"})
            nums=list(map(lambda t : t.getText(),info))
            if debut == 0: print("Le bot vient juste d'être lancé !")
            elif numsOld != nums:
                msg = "Il y a " + nums[0] + " utilisateurs sur Mathraining.\n"
                numsOld=nums
                await canalGeneral.send(msg)

            #Résolutions récentes
            soup = BeautifulSoup(requests.get("http://www.mathraining.be/solvedproblems").text, "html.parser")  # bug
            cible = soup.find_all('tr')
            debut = 1
            await sleep(10)
        except Exception as exc :
            await erreur('BACKGROUND');continue
#______________________________________________________________

bot.run(token) #Token MT
