#!/usr/bin/python3
"""Delivery by e-mail against a real SMTP server (aiosmtpd, Debian python3-aiosmtpd) on loopback.

Usage: smtp_test.py MAIL_SEND TIMELINE SOURCE_DIR

MAIL_SEND is the test driver of src/mail (tests/mail/mail_send.cpp). The test writes real briefs
with TIMELINE, starts SMTP servers on free loopback ports (plain, refusing, with AUTH, with
STARTTLS and with implicit TLS, the TLS ones with a throwaway CA and certificate made by
openssl), sends, and checks what the servers received with Python's email parser: envelope,
headers, exact subjects in zh/en/bi, the attachment's bytes, the link instead of an attachment
over the limit, and the outcome classes (sent, transient, permanent).
"""
import asyncio
import email
import logging
import email.policy
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import warnings
from pathlib import Path

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

MAIL_SEND, TIMELINE, SOURCE = sys.argv[1], sys.argv[2], Path(sys.argv[3])
FAILURES = []
SLOT = "2026-11-30 08:00 CST"


# The servers' own log (session errors the cases provoke on purpose) is not the test's output.
logging.getLogger("mail.log").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")


def check(name, ok, detail=""):
    if not ok:
        FAILURES.append(name)
        print(f"FAIL: {name}" + (f"\n  {detail}" if detail else ""))


class Handler:
    """Stores every accepted message; refuses the first `refuse` MAIL commands with `code`,
    and rejects the recipients in `reject`."""

    def __init__(self, refuse=0, code="451 4.3.0 Try again later", reject=()):
        self.messages = []
        self.refuse, self.code, self.reject = refuse, code, set(reject)
        self.mail_commands = 0

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.mail_commands += 1
        if self.mail_commands <= self.refuse:
            return self.code
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.reject:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        tls = session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
        login = session.auth_data.login.decode() if session.authenticated else None
        self.messages.append({"from": envelope.mail_from, "rcpt": list(envelope.rcpt_tos),
                              "data": envelope.content, "tls": tls, "login": login})
        return "250 Message accepted"


def authenticator(user, password):
    def check_login(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return check_login


class Server:
    """An aiosmtpd server on a free loopback port, in a thread of its own."""

    def __init__(self, handler, implicit_tls=None, **smtp_options):
        self.handler = handler
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)

            def factory():
                return SMTP(handler, loop=self.loop, hostname="localhost", **smtp_options)
            self.server = self.loop.run_until_complete(
                self.loop.create_server(factory, "127.0.0.1", 0, ssl=implicit_tls))
            self.port = self.server.sockets[0].getsockname()[1]
            ready.set()
            self.loop.run_forever()
        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        ready.wait(10)

    def stop(self):
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def send(*args, env=None):
    """Runs the driver; returns the outcomes, one (status, detail) per attempt."""
    out = subprocess.run([MAIL_SEND, *args], capture_output=True, text=True, timeout=120, env=env)
    if out.returncode != 0:
        print(out.stderr)
    result = [tuple(line.split("\t", 1)) for line in out.stdout.splitlines()]
    if os.environ.get("TL_MAIL_VERBOSE"):
        print(" ".join(a for a in args if not a.startswith("/")), "->", result)
    return result


def parse(stored):
    return email.message_from_bytes(stored["data"], policy=email.policy.default)


def base_args(server, brief, lang, scheme="smtp", host="127.0.0.1"):
    return ["--server", f"{scheme}://{host}:{server.port}", "--from", "简报系统 <briefs@example.org>",
            "--to", "reader@example.org", "--file", str(brief), "--lang", lang, "--job", "daily-brief",
            "--slot", SLOT, "--title", "上海人工智能简报"]


# A data set of another topic than the seed's (a river's flood defences), for the Markdown brief.
RIVER = {
    "units": [{"id": "km", "label": {"zh": "公里", "en": "km"}, "measure_word": "公里", "kind": "count"}],
    "lanes": [{"id": "works", "label": {"zh": "工程", "en": "Works"}}],
    "metrics": [{"id": "levee-length", "label": {"zh": "堤防长度", "en": "Levee length"}, "unit": "km"}],
    "sources": [{"id": "river-report-2024", "publisher": {"zh": "流域管理局", "en": "River Basin Authority"},
                 "title": {"zh": "防洪工程年报", "en": "Flood defence report"}, "published": "2024-03"}],
    "events": [
        {"id": "levee-works-start", "date": "2016-04", "lane": "works", "source": "river-report-2024",
         "title": {"zh": "堤防加固工程开工", "en": "Levee reinforcement begins"}},
        {"id": "floodgate-opens", "date": "2021-06-18", "lane": "works", "source": "river-report-2024",
         "title": {"zh": "新闸门启用", "en": "New floodgate in service"}}],
    "figures": [
        {"id": "levee-2016", "metric": "levee-length", "value": 120, "unit": "km", "date": "2016",
         "source": "river-report-2024"},
        {"id": "levee-2023", "metric": "levee-length", "value": 310, "unit": "km", "qualifier": "over",
         "date": "2023", "source": "river-report-2024"}],
}
RIVER_TEMPLATE = {
    "id": "river", "title": {"zh": "流域防洪简报", "en": "Flood defences of the river"}, "lang": "bi",
    "sections": [{"type": "cover"}, {"type": "key-figures", "id": "key", "figures": ["levee-2023"]},
                 {"type": "table", "id": "events", "table": "events"}, {"type": "sources", "id": "sources"}],
}


def make_briefs(work):
    """The seed's PDF brief, a Markdown brief of a generated data set, and a file whose name is
    not ASCII holding every printable byte."""
    (work / "river").mkdir()
    (work / "river" / "river.json").write_text(json.dumps(RIVER, ensure_ascii=False), encoding="utf-8")
    (work / "river.template.json").write_text(json.dumps(RIVER_TEMPLATE, ensure_ascii=False), encoding="utf-8")
    theme = ["--theme", str(SOURCE / "report-templates" / "theme.json")]
    briefs = {"pdf": work / "brief.pdf", "md": work / "brief.md"}
    subprocess.run([TIMELINE, "report", "--data", str(SOURCE / "data"), "--template",
                    str(SOURCE / "report-templates" / "brief.json"), *theme, "--format", "pdf",
                    "--as-of", "2026-11-30", "-o", str(briefs["pdf"])], check=True, capture_output=True)
    subprocess.run([TIMELINE, "report", "--data", str(work / "river"), "--template", str(work / "river.template.json"),
                    *theme, "--format", "md", "--as-of", "2026-11-30", "-o", str(briefs["md"])],
                   check=True, capture_output=True)
    odd = work / "简报 2026.json"
    odd.write_bytes(b'{"bytes": "' + bytes(range(32, 127)) * 40 + b'"}\n')
    briefs["odd"] = odd
    return briefs


def make_certificates(work):
    """A throwaway CA, a certificate for localhost / 127.0.0.1 signed by it, and one signed by it
    for another name. Returns the server TLS contexts of both and the CA file."""
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=work)
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *key, "-days", "2", "-subj", "/CN=timeline test CA", "-keyout", "ca.key", "-out", "ca.pem")
    contexts = []
    for name, san in (("server", "DNS:localhost,IP:127.0.0.1"), ("other", "DNS:mail.example.org")):
        openssl("req", *key, "-subj", "/CN=" + san.split(",")[0][4:], "-keyout", f"{name}.key", "-out", f"{name}.csr")
        (work / f"{name}.ext").write_text(f"subjectAltName={san}\n")
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", f"{name}.ext", "-out", f"{name}.pem")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(work / f"{name}.pem", work / f"{name}.key")
        contexts.append(context)
    return contexts[0], contexts[1], work / "ca.pem"


def body_text(msg):
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content().replace("\r\n", "\n")


def main():
    work = Path(tempfile.mkdtemp(prefix="timeline-mail-"))
    try:
        briefs = make_briefs(work)
        tls, tls_other_name, ca = make_certificates(work)
        run_cases(work, briefs, tls, tls_other_name, ca)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        return 1
    print("all mail checks passed")
    return 0


def run_cases(work, briefs, tls, tls_other_name, ca):
    plain = Server(Handler())
    pdf = briefs["pdf"]

    # 1. A bilingual PDF brief to two readers and a copy, attached.
    out = send(*base_args(plain, pdf, "bi"), "--to", "张三 <zhang@example.org>", "--cc", "Desk, Policy <desk@example.org>")
    check("bi: sent", out and out[0][0] == "sent", out)
    check("bi: one message", len(plain.handler.messages) == 1)
    if plain.handler.messages:
        stored = plain.handler.messages[-1]
        msg = parse(stored)
        check("bi: envelope sender", stored["from"] == "briefs@example.org", stored["from"])
        check("bi: envelope recipients", stored["rcpt"] == ["reader@example.org", "zhang@example.org", "desk@example.org"],
              stored["rcpt"])
        check("bi: subject", msg["subject"] == "简报 / Brief: 上海人工智能简报, " + SLOT, msg["subject"])
        check("bi: From", str(msg["from"]) == "简报系统 <briefs@example.org>", msg["from"])
        check("bi: To", [a.addr_spec for a in msg["to"].addresses] == ["reader@example.org", "zhang@example.org"], msg["to"])
        check("bi: To name", msg["to"].addresses[1].display_name == "张三", msg["to"])
        check("bi: Cc", str(msg["cc"]) == '"Desk, Policy" <desk@example.org>', msg["cc"])
        check("bi: Date", msg["date"] is not None and msg["date"].datetime is not None)
        check("bi: Message-ID", msg["message-id"].startswith("<") and msg["message-id"].endswith("@example.org>"),
              msg["message-id"])
        check("bi: headers are ASCII (RFC 2047)", all(b < 128 for b in stored["data"].split(b"\r\n\r\n")[0]))
        check("bi: multipart/mixed", msg.get_content_type() == "multipart/mixed", msg.get_content_type())
        attachments = list(msg.iter_attachments())
        check("bi: one attachment", len(attachments) == 1)
        if attachments:
            a = attachments[0]
            check("bi: attachment type", a.get_content_type() == "application/pdf", a.get_content_type())
            check("bi: attachment name", a.get_filename() == "brief.pdf", a.get_filename())
            check("bi: attachment bytes", a.get_content() == pdf.read_bytes())
        body = body_text(msg)
        size = body.split("见附件brief.pdf（")[1].split("）")[0] if "见附件brief.pdf（" in body else "?"
        expected = (f"{SLOT}的简报“上海人工智能简报”见附件brief.pdf（{size}）。\n\n"
                    "本邮件由timeline schedule为任务daily-brief发送。\n\n"
                    f"The brief “上海人工智能简报” of {SLOT} is attached: brief.pdf, {size}.\n\n"
                    "Sent by timeline schedule for the job daily-brief.\n")
        check("bi: body, zh then en", body == expected, repr(body))
        check("bi: size in KiB", size.endswith(" KiB"), size)

    # 2. Chinese Markdown brief; 3. English; both attached with their own type.
    for lang, subject in (("zh", "简报：上海人工智能简报，" + SLOT), ("en", "Brief: 上海人工智能简报, " + SLOT)):
        out = send(*base_args(plain, briefs["md"], lang))
        check(f"{lang}: sent", out and out[0][0] == "sent", out)
        msg = parse(plain.handler.messages[-1])
        check(f"{lang}: subject", msg["subject"] == subject, msg["subject"])
        a = next(msg.iter_attachments(), None)
        check(f"{lang}: markdown attached", a is not None and a.get_content_type() == "text/markdown", a and a.get_content_type())
        check(f"{lang}: markdown bytes", a is not None and a.get_payload(decode=True) == briefs["md"].read_bytes())
        body = body_text(msg)
        if lang == "zh":
            check("zh: body in Chinese only", "见附件brief.md" in body and "attached" not in body, repr(body))
        else:
            check("en: body in English only", "is attached: brief.md" in body and "附件" not in body, repr(body))

    # A file name that is not ASCII, JSON type, no title: the job's id names the brief.
    args = base_args(plain, briefs["odd"], "en")
    args[args.index("--title") + 1] = ""
    out = send(*args)
    check("json: sent", out and out[0][0] == "sent", out)
    msg = parse(plain.handler.messages[-1])
    check("json: subject names the job", msg["subject"] == "Brief: daily-brief, " + SLOT, msg["subject"])
    a = next(msg.iter_attachments(), None)
    check("json: type", a is not None and a.get_content_type() == "application/json")
    check("json: file name", a is not None and a.get_filename() == "简报 2026.json", a and a.get_filename())
    check("json: bytes", a is not None and a.get_payload(decode=True) == briefs["odd"].read_bytes())

    # 4. Over the limit: linked, not attached.
    count = len(plain.handler.messages)
    out = send(*base_args(plain, pdf, "bi"), "--limit", "0.0625", "--link", "https://briefs.example.org/daily/2026-11-30.pdf")
    check("link: sent", out and out[0][0] == "sent" and "linked" in out[0][1], out)
    check("link: one more message", len(plain.handler.messages) == count + 1)
    msg = parse(plain.handler.messages[-1])
    check("link: no attachment", not msg.is_multipart() and next(msg.iter_attachments(), None) is None)
    check("link: text/plain UTF-8", msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8")
    body = body_text(msg)
    check("link: the link, in both languages", body.count("\nhttps://briefs.example.org/daily/2026-11-30.pdf\n") == 2, repr(body))
    check("link: zh says why", "超过本任务的附件上限64 KiB，未作为附件发送。文件位置：" in body, repr(body))
    check("link: en says why", "more than the 64 KiB this job attaches, so it is not attached. It is here:" in body, repr(body))
    out = send(*base_args(plain, pdf, "en"), "--limit", "0.0625")
    body = body_text(parse(plain.handler.messages[-1]))
    check("link: the absolute path by default", f"It is here:\n{pdf}\n" in body, repr(body))

    # Missing brief: permanent, nothing sent.
    count = len(plain.handler.messages)
    out = send(*base_args(plain, work / "missing.pdf", "en"))
    check("missing file: permanent", out and out[0][0] == "permanent" and "missing.pdf" in out[0][1], out)
    check("missing file: nothing sent", len(plain.handler.messages) == count)

    # 5. A recipient the server does not know: permanent, nobody gets the message.
    rejecting = Server(Handler(reject={"nobody@example.org"}))
    out = send(*base_args(rejecting, pdf, "en"), "--to", "nobody@example.org", "--attempts", "3")
    check("550: one attempt, permanent", len(out) == 1 and out[0][0] == "permanent", out)
    check("550: the reply in the detail", out and "550" in out[0][1] and "nobody@example.org" in out[0][1], out)
    check("550: nothing delivered", rejecting.handler.messages == [])
    rejecting.stop()

    # 6. A server that refuses twice (451), then accepts: transient, transient, sent; once.
    for code in ("451 4.3.0 Try again later", "421 4.7.0 Too busy, closing"):
        busy = Server(Handler(refuse=2, code=code))
        out = send(*base_args(busy, pdf, "zh"), "--attempts", "5")
        statuses = [s for s, _ in out]
        check(f"{code[:3]}: transient twice, then sent", statuses == ["transient", "transient", "sent"], out)
        check(f"{code[:3]}: the reply in the detail", out and code[:3] in out[0][1], out)
        check(f"{code[:3]}: delivered once", len(busy.handler.messages) == 1)
        busy.stop()

    # No server listening: transient.
    port = plain.port
    plain.stop()
    out = send(*base_args(plain, pdf, "en"))
    check("refused connection: transient", out and out[0][0] == "transient", out)
    check("refused connection: says so", out and "refused" in out[0][1].lower(), out)

    # 7. AUTH (PLAIN or LOGIN) on loopback without TLS, the password from the environment or a file.
    auth = Server(Handler(), auth_required=True, auth_require_tls=False,
                  authenticator=authenticator("mailer", "s3cret pass"))
    env = dict(os.environ, TL_TEST_SMTP_PASSWORD="s3cret pass")
    out = send(*base_args(auth, pdf, "en"), "--user", "mailer", "--password-env", "TL_TEST_SMTP_PASSWORD", env=env)
    check("auth: sent", out and out[0][0] == "sent", out)
    check("auth: logged in", auth.handler.messages and auth.handler.messages[-1]["login"] == "mailer")
    (work / "password").write_text("s3cret pass\n")
    out = send(*base_args(auth, pdf, "en"), "--user", "mailer", "--password-file", str(work / "password"))
    check("auth, password file: sent", out and out[0][0] == "sent", out)
    env_bad = dict(os.environ, TL_TEST_SMTP_PASSWORD="wrong")
    out = send(*base_args(auth, pdf, "en"), "--user", "mailer", "--password-env", "TL_TEST_SMTP_PASSWORD", env=env_bad)
    check("auth, wrong password: permanent 535", out and out[0][0] == "permanent" and "535" in out[0][1], out)
    env_none = {k: v for k, v in os.environ.items() if k != "TL_TEST_SMTP_PASSWORD"}
    out = send(*base_args(auth, pdf, "en"), "--user", "mailer", "--password-env", "TL_TEST_SMTP_PASSWORD", env=env_none)
    check("auth, no secret: permanent naming the variable",
          out == [("permanent", "the password of mailer is read from the environment variable TL_TEST_SMTP_PASSWORD, "
                                "which is not set")], out)
    count = len(auth.handler.messages)
    out = send(*base_args(auth, pdf, "en"))
    check("auth required, no user: permanent 530", out and out[0][0] == "permanent" and "530" in out[0][1], out)
    check("auth: two messages in all", len(auth.handler.messages) == count == 2)
    auth.stop()

    # 8. STARTTLS required: with the test CA trusted, AUTH after TLS (aiosmtpd's default).
    env_ca = dict(os.environ, TIMELINE_SMTP_CA_FILE=str(ca), TL_TEST_SMTP_PASSWORD="s3cret pass")
    secure = Server(Handler(), tls_context=tls, require_starttls=True, auth_required=True,
                    authenticator=authenticator("mailer", "s3cret pass"))
    for host in ("localhost", "127.0.0.1"):
        out = send(*base_args(secure, pdf, "bi", host=host), "--starttls", "--user", "mailer",
                   "--password-env", "TL_TEST_SMTP_PASSWORD", env=env_ca)
        check(f"starttls to {host}: sent", out and out[0][0] == "sent", out)
        stored = secure.handler.messages[-1] if secure.handler.messages else {}
        check(f"starttls to {host}: over TLS, logged in", stored.get("tls") and stored.get("login") == "mailer", stored.keys())
    count = len(secure.handler.messages)
    env_noca = dict(env_ca)
    del env_noca["TIMELINE_SMTP_CA_FILE"]
    out = send(*base_args(secure, pdf, "en", host="localhost"), "--starttls", "--user", "mailer",
               "--password-env", "TL_TEST_SMTP_PASSWORD", env=env_noca)
    check("starttls, unknown CA: permanent", out and out[0][0] == "permanent" and "TLS" in out[0][1], out)
    check("starttls, unknown CA: nothing sent", len(secure.handler.messages) == count)
    out = send(*base_args(secure, pdf, "en", host="localhost"), env=env_ca)
    check("TLS required by the server, not configured: permanent 530", out and out[0][0] == "permanent"
          and "530" in out[0][1], out)
    secure.stop()

    # The user set, no TLS, a host that is not loopback: refused before connecting.
    out = send("--server", "smtp://mail.invalid:25", "--from", "a@example.org", "--to", "b@example.org",
               "--user", "mailer", "--password-env", "TL_TEST_SMTP_PASSWORD", "--file", str(pdf), "--lang", "en",
               "--job", "j", "--slot", SLOT, env=env_ca)
    check("password in clear: permanent", out and out[0][0] == "permanent" and "not encrypted" in out[0][1], out)

    # STARTTLS required, the server does not offer it: permanent, nothing sent in clear.
    bare = Server(Handler())
    out = send(*base_args(bare, pdf, "en", host="localhost"), "--starttls", env=env_ca)
    check("no STARTTLS offered: permanent", out == [("permanent", "starttls is required but the server does not "
                                                                "offer STARTTLS; nothing was sent")], out)
    check("no STARTTLS offered: nothing sent", bare.handler.messages == [])
    bare.stop()

    # A certificate from the trusted CA, for another name: the name is checked, loopback too.
    impostor = Server(Handler(), tls_context=tls_other_name)
    out = send(*base_args(impostor, pdf, "en", host="localhost"), "--starttls", env=env_ca)
    check("certificate for another name: permanent", out and out[0][0] == "permanent" and "TLS" in out[0][1], out)
    check("certificate for another name: nothing sent", impostor.handler.messages == [])
    impostor.stop()
    impostor = Server(Handler(), implicit_tls=tls_other_name)
    out = send(*base_args(impostor, pdf, "en", scheme="smtps", host="localhost"), env=env_ca)
    check("smtps, certificate for another name: permanent", out and out[0][0] == "permanent" and "TLS" in out[0][1], out)
    check("smtps, certificate for another name: nothing sent", impostor.handler.messages == [])
    impostor.stop()

    scheduled_cases(work)

    # 9. Implicit TLS (smtps://).
    implicit = Server(Handler(), implicit_tls=tls)
    out = send(*base_args(implicit, pdf, "zh", scheme="smtps", host="localhost"), env=env_ca)
    check("smtps: sent", out and out[0][0] == "sent", out)
    check("smtps: over TLS", implicit.handler.messages and implicit.handler.messages[-1]["tls"])
    if implicit.handler.messages:
        a = next(parse(implicit.handler.messages[-1]).iter_attachments(), None)
        check("smtps: attachment bytes", a is not None and a.get_content() == pdf.read_bytes())
    implicit.stop()


def scheduled_cases(work):
    """`timeline schedule` delivers the briefs it writes: a server that refuses the first attempt
    (451) then accepts; over a simulated morning the brief of each slot arrives once, attached,
    and the run history says so."""
    server = Server(Handler(refuse=1))
    project = work / "scheduled"
    project.mkdir()
    (project / "schedules.json").write_text(json.dumps({
        "jobs": [{"id": "river-daily", "cron": "0 8 * * *", "timezone": "Asia/Shanghai", "format": "md",
                  "lang": "en", "data": [str(work / "river")], "template": str(work / "river.template.json"),
                  "output": "out/{job}/{slot:%Y-%m-%d}.md",
                  "email": {"to": ["desk@example.org"], "from": "Briefs <briefs@example.org>",
                            "server": f"smtp://127.0.0.1:{server.port}"}}]}), encoding="utf-8")
    env = dict(os.environ, TIMELINE_PATH=str(SOURCE / "report-templates"))
    run = subprocess.run([TIMELINE, "schedule", "run", "--config", str(project / "schedules.json"),
                          "--state", str(project / "state"), "--clock", "2026-11-30T07:59:00+08:00",
                          "--until", "2026-12-01T09:00:00+08:00"], capture_output=True, text=True, env=env, timeout=300)
    check("scheduled: run exits 0", run.returncode == 0, run.stderr)
    briefs = sorted((project / "out" / "river-daily").glob("*.md"))
    check("scheduled: two briefs written", [b.name for b in briefs] == ["2026-11-30.md", "2026-12-01.md"],
          [b.name for b in briefs])
    got = {}
    for stored in server.handler.messages:
        msg = parse(stored)
        a = next(msg.iter_attachments(), None)
        got[msg["subject"]] = a.get_content() if a is not None else None
    for b in briefs:
        subject = "Brief: river-daily, " + b.stem + " 08:00 CST"
        check(f"scheduled: {b.stem} delivered once, attached", subject in got and got[subject] == b.read_text(encoding="utf-8"),
              (subject, list(got)))
    check("scheduled: no copy twice", len(server.handler.messages) == len(briefs), len(server.handler.messages))
    history = subprocess.run([TIMELINE, "schedule", "history", "--config", str(project / "schedules.json"),
                              "--state", str(project / "state"), "--format", "json"],
                             capture_output=True, text=True, env=env, timeout=60)
    rows = [json.loads(line) for line in history.stdout.splitlines()]
    check("scheduled: history says sent", [r.get("delivered") for r in rows] == ["sent", "sent"], history.stdout)
    check("scheduled: the refused attempt counts", sorted(r.get("delivery_attempts") for r in rows) == [1, 2],
          history.stdout)
    server.stop()


if __name__ == "__main__":
    sys.exit(main())
