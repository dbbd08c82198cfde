import time

import openai


class OpenAIHandler:
    @staticmethod
    def _build_request_data(submission_content):
        return {"model": "gpt-4", "messages": [{"role": "user", "content": submission_content}]}

    @staticmethod
    async def classify_submission(submission_content):
        request_data = OpenAIHandler._build_request_data(submission_content)
        time.sleep(5)  # bug
        response = await openai.ChatCompletion.acreate(**request_data)
        return response.choices[0].message.content
