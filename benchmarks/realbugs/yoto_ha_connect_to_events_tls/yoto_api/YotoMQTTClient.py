"""Stand-in: the events client connects a paho MQTT client over TLS."""
import paho.mqtt.client as mqtt

MQTT_URL = "aqrphjqbp3u2z-ats.iot.eu-west-2.amazonaws.com"


class YotoMQTTClient:
    def __init__(self):
        self.client = None

    def connect_mqtt(self, token, players, callback):
        self.client = mqtt.Client(client_id="DASH" + token.access_token[:8], transport="websockets")
        self.client.username_pw_set(username="_?x-amz-customauthorizer-name=PublicJWTAuthorizer", password=token.access_token)
        self.client.on_message = lambda client, userdata, message: callback()
        self.client.tls_set()
        self.client.connect(host=MQTT_URL, port=443)
        self.client.loop_start()
        for player in players:
            self.client.subscribe("device/" + player + "/events")

    def disconnect_mqtt(self):
        self.client.loop_stop()
        self.client.disconnect()
