"""Reproduction of idoneam/Canary#413: OpenCV image commands run on the bot's event loop."""

import math
from functools import wraps
from io import BytesIO

import cv2
import discord
import numpy as np
from discord.ext import commands


def filter_image(func):
    """Fetch the latest attached image, hand it to the command, send back the result."""

    @wraps(func)
    async def wrapper(self, ctx, *args):
        att = await Images.get_attachment(ctx)
        if att is None:
            await ctx.send("no image could be found", delete_after=15)
            return
        buffer = BytesIO()
        await att.save(fp=buffer)
        original_name, ext = att.filename.rsplit(".", 1)
        img_bytes = np.asarray(bytearray(buffer.read()), dtype=np.uint8)
        image = cv2.imdecode(img_bytes, cv2.IMREAD_UNCHANGED)  # bug
        args = (args[0], image) if len(args) == 2 else (image,)
        result = await func(self, ctx, *args)
        _r, out = cv2.imencode(f".{ext}", result, [cv2.IMWRITE_JPEG_QUALITY, 100])
        await ctx.send(file=discord.File(fp=BytesIO(out), filename=f"{original_name}-{func.__name__}.{ext}"))

    return wrapper


class Images(commands.Cog):
    IMAGE_HISTORY_LIMIT = 50

    def __init__(self, bot):
        self.bot = bot

    @staticmethod
    async def get_attachment(ctx):
        async for msg in ctx.channel.history(limit=Images.IMAGE_HISTORY_LIMIT):
            if msg.attachments:
                return msg.attachments[0]
        return None

    @staticmethod
    def _cv_linear_polar(image, flags):
        h, w = image.shape[:2]
        r = math.sqrt(w**2 + h**2) / 2
        return cv2.linearPolar(image, (w / 2, h / 2), r, flags)

    @staticmethod
    def _polar(image):
        return Images._cv_linear_polar(image, cv2.INTER_LINEAR + cv2.WARP_FILL_OUTLIERS)

    @staticmethod
    def _cart(image):
        return Images._cv_linear_polar(image, cv2.INTER_LINEAR + cv2.WARP_FILL_OUTLIERS + cv2.WARP_INVERSE_MAP)

    @commands.command()
    @filter_image
    async def blur(self, _ctx, iterations="1", image=None):
        """Blur the image."""
        for _ in range(max(0, min(int(iterations), 100))):
            image = cv2.GaussianBlur(image, (5, 5), 0)  # bug
        return image

    @commands.command(aliases=["zoom", "radial"])
    @filter_image
    async def rblur(self, _ctx, radius="10", image=None):
        """Radial blur."""
        radius = max(1, min(int(radius), 500))
        image = Images._polar(image)  # bug
        image = cv2.blur(image, (radius, 1))
        return Images._cart(image)

    @commands.command(aliases=["df", "fry"])
    @filter_image
    async def deepfry(self, _ctx, iterations="1", image=None):
        """Deep fry an image."""
        kernel = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]]) + np.array([[0, -1, 0], [-1, 4, -1], [0, -1, 0]]) * 0.3
        for _ in range(max(0, min(int(iterations), 20))):
            std = int(np.std(image))
            image = cv2.addWeighted(image, 0.9, image, 0, std * 0.3)
            image = cv2.filter2D(image, 0, kernel)  # bug
            image = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)
            image[:, :, 1:] = cv2.add(image[:, :, 1:], image[:, :, 1:])
            image = cv2.cvtColor(image, cv2.COLOR_HSV2BGR)
        return image


def setup(bot):
    bot.add_cog(Images(bot))
