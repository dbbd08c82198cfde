import smtplib
import time
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate

from fastapi_mail.errors import ConnectionErrors, NotAvilableService


class FastMail:
    __services = {"gmail": "smtp.gmail.com", "yahoo": "smtp.mail.yahoo.com"}

    def __init__(self, email: str, password: str, port: str = "587", service: str = "gmail", tls: bool = False):
        self._email = email
        self._password = password
        self._port = str(port)
        self._service = service
        self._tls = tls
        self.message = MIMEMultipart()

    async def send_message(self, recipient: str, subject: str, body: str, text_format: str = "plain"):
        self.message["From"] = self._email
        self.message["To"] = recipient
        self.message["Subject"] = subject
        self.message["Date"] = formatdate(time.time(), localtime=True)
        self.message.attach(MIMEText(body, text_format))
        return await self.__send(recipient, self.message)

    async def __send(self, recipient: str, message: MIMEMultipart) -> bool:
        self.__configure_connection()  # bug
        self.session.sendmail(self._email, recipient, message.as_string())  # bug
        self.session.quit()  # also
        return True

    def __configure_connection(self):
        if self._service not in self.__services:
            raise NotAvilableService(self._service)
        try:
            session = smtplib.SMTP(f"{self.__services.get(self._service)}:{self._port}")
            if self._tls:
                session.starttls()
            session.ehlo()
            session.login(self._email, self._password)
            self.session = session
            return self.session
        except Exception as error:
            raise ConnectionErrors(f"Exception raised {error} check connection")
