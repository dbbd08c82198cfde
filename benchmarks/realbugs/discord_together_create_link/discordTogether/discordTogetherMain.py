"""Invite links that start an activity in a voice channel."""

import requests

APPLICATIONS = {"youtube": "755600276941176913", "poker": "755827207812677713"}


class DiscordTogether:
    def __init__(self, client):
        if not client:
            raise ValueError("Valid bot token parameter is needed.")
        self.client = client

    def create_link(self, voice_channel_id, option):
        r = requests.post(
            f"https://discord.com/api/v8/channels/{voice_channel_id}/invites",
            json={"max_age": 86400, "target_type": 2, "target_application_id": APPLICATIONS[option]},
            headers={"Authorization": f"Bot {self.client.http.token}"},
        )
        return f"https://discord.gg/{r.json()['code']}"
