from fastapi import FastAPI

from .validation import validate_rendered_output

app = FastAPI()


@app.post("/generate")
async def generate(spec: dict) -> dict:
    rendered = {name: body for name, body in spec.get("files", {}).items()}
    problems = validate_rendered_output(rendered)  # bug
    return {"files": rendered, "problems": problems}
