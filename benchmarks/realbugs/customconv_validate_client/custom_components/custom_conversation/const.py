DOMAIN = "custom_conversation"
CONF_BASE_URL = "base_url"
RECOMMENDED_BASE_URL = "https://api.openai.com/v1"
RECOMMENDED_OPTIONS = {"prompt": "You are a helpful assistant."}
