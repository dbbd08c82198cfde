from openai import OpenAI

client = OpenAI()


async def call_gpt_4_vision(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)  # bug
    return response.choices[0].message.content
