import openai


def get_model_client(api_key):
    return openai.OpenAI(api_key=api_key)


async def call_openai_api_for_model(input_text, model, api_key):
    client = get_model_client(api_key)
    response = client.responses.create(model=model, input=input_text)  # bug
    return response
