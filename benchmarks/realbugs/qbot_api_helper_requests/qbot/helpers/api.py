# api.py
"""REST helper of a CS:GO pick-up-game Discord bot (reproduction, see ../qbot.py)."""

import requests


class Player:
    """ Represents a player with the contents returned by the API. """

    def __init__(self, json):
        self.steam = json['steam']
        self.discord = json['discord']
        self.in_match = json.get('inMatch', False)


class MatchServer:
    """ Represents a match server with the contents returned by the API. """

    def __init__(self, json):
        self.ip = json['ip']
        self.port = json['port']

    @property
    def connect_url(self):
        return f'steam://connect/{self.ip}:{self.port}'

    @property
    def connect_command(self):
        return f'connect {self.ip}:{self.port}'


class ApiHelper:
    """ Class to contain API request wrapper functions. """

    def __init__(self, base_url, api_key):
        self.base_url = base_url
        self.api_key = api_key

    @property
    def headers(self):
        return {'authentication': self.api_key}

    def generate_link_url(self, user):
        url = f'{self.base_url}/discord/generate/{user.id}'
        response = requests.get(url=url, headers=self.headers)
        json = response.json()
        return f"{self.base_url}/discord/{json['discord']}/{json['code']}" if response.status_code == 200 else None

    def is_linked(self, user):
        url = f'{self.base_url}/discord/check/{user.id}'
        response = requests.get(url=url, headers=self.headers)
        json = response.json()
        return json['linked'] if response.status_code == 200 else None

    def get_player(self, user):
        url = f'{self.base_url}/player/discord/{user.id}'
        response = requests.get(url=url, headers=self.headers)
        return Player(response.json()) if response.status_code == 200 else None

    def start_match(self, team_one, team_two):
        teams = {
            'team_one': {user.id: user.display_name for user in team_one},
            'team_two': {user.id: user.display_name for user in team_two},
        }
        response = requests.post(url=f'{self.base_url}/match/start', headers=self.headers, json=teams)
        return MatchServer(response.json()) if response.status_code == 200 else None
