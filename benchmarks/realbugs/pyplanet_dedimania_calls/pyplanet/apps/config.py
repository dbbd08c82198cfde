class AppConfig:
    def __init__(self, instance):
        self.instance = instance
