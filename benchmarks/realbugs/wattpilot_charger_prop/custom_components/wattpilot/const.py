DOMAIN = "wattpilot"
DEFAULT_NAME = "Wattpilot"
