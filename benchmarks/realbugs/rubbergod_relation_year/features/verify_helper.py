"""Rubbergod's verification helper: stores a member's study relation in the database.

Reproduction of the shape fixed in https://github.com/vutfitdiscord/rubbergod/pull/1061 (commit
"fix: await fix in verify update relation"): the coroutine of the async _parse_relation was bound
to a local, awaited once inside a comparison, and the un-awaited coroutine object itself was then
stored as the person's year. The fix awaited the call where it was bound.
"""
from database import session
from database.verification import ValidPersonDB


class VerifyHelper:
    def __init__(self, bot) -> None:
        self.bot = bot

    async def _parse_relation(self, user: dict) -> str | None:
        """Return year, programme and faculty for students, `employee` for staff."""
        ret = None
        for relation in user["vztahy"]:
            if "rok_studia" in relation:
                ret = f"{relation['fakulta']['zkratka']} {relation['rok_studia']}"
                if relation["fakulta"]["zkratka"] == "FIT":
                    return ret
        if not ret:
            await self.log_relation_error(user)
        return ret

    async def log_relation_error(self, user: dict) -> None:
        await self.bot.get_channel(1).send(f"Error parsing user relations for `{user['login']}`")

    async def save_user_details(self, user: dict) -> ValidPersonDB:
        person = ValidPersonDB.get_user_by_login(user["login"].strip())
        if person is None:
            person = ValidPersonDB(login=user["login"], year=await self._parse_relation(user))
            session.add(person)
            session.commit()
        else:
            relation = self._parse_relation(user)
            if person.year != await relation:
                person.year = relation  # bug
                session.commit()
        return person
