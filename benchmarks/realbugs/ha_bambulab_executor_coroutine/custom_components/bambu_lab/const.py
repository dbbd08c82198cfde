DOMAIN = "bambu_lab"
URL_BASE = "/bambu_lab_frontend"
BAMBU_LAB_CARDS = [{"name": "Bambu Lab Cards", "filename": "ha-bambulab-cards.js", "version": "0.6.2"}]
