DOMAIN = "hildebrandglow"
