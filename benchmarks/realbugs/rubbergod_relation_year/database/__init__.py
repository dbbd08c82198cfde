from sqlalchemy.orm import Session

session = Session()
