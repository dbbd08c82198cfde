"""Configuration read once at start-up."""


class Config:
    act_config: dict = {}

    @classmethod
    def get(cls, member=None):
        if member is None:
            return cls.act_config
        return cls.act_config.get(member, {})
