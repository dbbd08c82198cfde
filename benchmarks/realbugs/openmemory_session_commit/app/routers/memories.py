from fastapi import Depends
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Memory


async def create_memory(text: str, db: Session = Depends(get_db)):
    memory = Memory(content=text)
    db.add(memory)
    db.commit()  # bug
    db.refresh(memory)  # bug
    return memory
