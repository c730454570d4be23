"""Sending the reminder digest by e-mail: one message per owner address, UTF-8, through the
SMTP server ``governance.settings.mail`` names.

``smtps://`` speaks TLS from the start; ``smtp://`` sends in the clear unless it logs in,
which it does only after STARTTLS (a password never crosses the network unencrypted). A
server that cannot be reached, refuses the login or fails part-way is a ``MailError``
(exit code 2) naming the server and what was sent before it, never the password.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from governance.errors import GovernanceError
from governance.settings import MailSettings

TIMEOUT_SECONDS = 30


class MailError(GovernanceError):
    """The mail server could not be reached or did not take a message."""

    key = "error.smtp-failed"
    exit_code = 2


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


def compose(message: Message, sender: str) -> EmailMessage:
    """``message`` as an e-mail: subject and body in UTF-8 (the subject encoded for the
    header, the body as 8-bit or base64 as the content needs)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.to
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    mail.set_content(message.body, charset="utf-8")
    return mail


def _connect(config: MailSettings) -> smtplib.SMTP:
    if config.tls:
        return smtplib.SMTP_SSL(config.host, config.port, timeout=TIMEOUT_SECONDS,
                                context=ssl.create_default_context())
    return smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_SECONDS)


def send(messages: list[Message], config: MailSettings) -> list[str]:
    """Send every message over one connection; the addresses sent to, in order."""
    sent: list[str] = []
    if not messages:
        return sent
    try:
        server = _connect(config)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError("error.smtp-unreachable", server=config.server,
                        detail=_reason(exc)) from None
    try:
        with server:
            if config.user is not None:
                if not config.tls:
                    server.starttls(context=ssl.create_default_context())
                server.login(config.user, config.password or "")
            for message in messages:
                server.send_message(compose(message, config.sender))
                sent.append(message.to)
    except smtplib.SMTPAuthenticationError:
        raise MailError("error.smtp-auth", server=config.server) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError("error.smtp-failed", server=config.server, detail=_reason(exc),
                        sent=", ".join(sent) or "-") from None
    return sent


def _reason(exc: BaseException) -> str:
    """What went wrong, short: the OS's words, the server's reply, or the error's kind."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"[:200]
    return type(exc).__name__
