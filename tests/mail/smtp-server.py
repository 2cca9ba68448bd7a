#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# smtp-server.py SPOOL [--starttls DIR] [--lmtp SOCKET]: a real SMTP
# server (aiosmtpd, Debian's python3-aiosmtpd) on 127.0.0.1 for the
# tests. It prints its port, then writes every accepted message to
# SPOOL/NNNN.eml exactly as received (dot-unstuffed), its envelope
# to SPOOL/NNNN.env and the client's address and port (one per
# connection) to SPOOL/NNNN.peer; each RSET adds a line to SPOOL/rset.
# Recipients temp-fail@… get a 451 reply, reject@…
# a 550, slow@… an answer two seconds late; AUTH PLAIN and LOGIN accept the user "office" with the
# password "pass word".
#   --starttls DIR  offer STARTTLS, and require it, with DIR/server.pem
#                   and DIR/server.key (see make-test-ca)
#   --implicit-tls DIR  the same, TLS from the first byte
#   --lmtp SOCKET   also deliver each message over LMTP (Dovecot's),
#                   so that it travels the whole way into a mailbox;
#                   a message LMTP refuses is refused to the client
import argparse
import asyncio
import os
import smtplib
import ssl
import signal
import socket
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, spool, lmtp):
        self.spool = spool
        self.lmtp = lmtp
        self.count = 0
        self.busy_once = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith('temp-fail@'):
            return '451 4.3.0 Mailbox busy, try again later'
        if address.startswith('busy-once@') and address not in self.busy_once:
            self.busy_once.add(address)
            return '451 4.3.0 Mailbox busy, try again later'
        if address.startswith('reject@'):
            return '550 5.1.1 No such user here'
        if address.startswith('slow@'):
            await asyncio.sleep(2)
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_RSET(self, server, session, envelope):
        with open(os.path.join(self.spool, 'rset'), 'a') as f:
            f.write('%s %s\n' % tuple(session.peer[:2]))
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        if self.lmtp:
            try:
                with smtplib.LMTP(self.lmtp) as lmtp:
                    lmtp.sendmail(envelope.mail_from, envelope.rcpt_tos, envelope.original_content)
            except (OSError, smtplib.SMTPException) as error:
                return '451 4.3.0 Delivery failed: %s' % error
        self.count += 1
        path = os.path.join(self.spool, '%04d' % self.count)
        with open(path + '.env', 'w') as f:
            f.write('\n'.join([envelope.mail_from] + envelope.rcpt_tos) + '\n')
        # the client's end of the connection, to tell connections apart
        with open(path + '.peer', 'w') as f:
            f.write('%s %s\n' % tuple(session.peer[:2]))
        with open(path + '.tmp', 'wb') as f:
            f.write(envelope.original_content)
        os.rename(path + '.tmp', path + '.eml')
        return '250 2.0.0 Message accepted'


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == b'office'
          and auth_data.password == b'pass word')
    return AuthResult(success=ok, handled=False)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('spool')
    parser.add_argument('--starttls')
    parser.add_argument('--implicit-tls')
    parser.add_argument('--lmtp')
    args = parser.parse_args()
    port = free_port()
    tls = {}
    certificates = args.starttls or args.implicit_tls
    if certificates:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(os.path.join(certificates, 'server.pem'),
                                os.path.join(certificates, 'server.key'))
        if args.starttls:
            tls = dict(tls_context=context, require_starttls=True)
        else:
            tls = dict(ssl_context=context)
    controller = Controller(Handler(args.spool, args.lmtp), hostname='127.0.0.1', port=port,
                            authenticator=authenticator, auth_required=False,
                            auth_require_tls=False, data_size_limit=40 * 1024 * 1024, **tls)
    controller.start()
    print(port, flush=True)
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
