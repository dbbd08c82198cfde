async def grade_metacognition(answer):
    return answer
