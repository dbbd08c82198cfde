from carberretta.db.db import Database
