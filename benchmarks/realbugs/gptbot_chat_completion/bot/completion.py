import openai


async def generate_completion_response(messages, model):
    response = openai.ChatCompletion.create(model=model, messages=messages)  # bug
    return response["choices"][0]["message"]["content"]
