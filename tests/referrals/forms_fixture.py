# SPDX-License-Identifier: GPL-3.0-or-later
"""The referral forms' server under test: a fresh office on a temporary
data directory, investments and brokers' forms made with the real
crmctl, and `crmctl serve --http` on loopback, its port chosen by the
system. Run inside dbus-run-session with-keyring (the links' key is in
the Secret Service)."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

CRMCTL = os.environ['CRMCTL']
LOCALEDIR = os.environ.get('CRM_TEST_LOCALEDIR')

# the smallest PDF a sniffer takes for one
PDF = (b'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n'
       b'2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
       b'3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n'
       b'trailer<</Root 1 0 R>>\n%%EOF\n')


def fail(message):
    print('FAIL: ' + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print('ok - ' + message)


class Office:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='crm-forms-')
        self.server = None
        self.port = None
        self.crmctl('init')

    def crmctl(self, *args, json_output=False):
        command = [CRMCTL, '--data-dir', self.dir] + (['--json'] if json_output else []) + list(args)
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            fail('crmctl %s: %s' % (' '.join(args), run.stderr.strip()))
        return json.loads(run.stdout) if json_output else run.stdout

    def add_investment(self, name):
        return self.crmctl('investments', 'add', name, json_output=True)['id']

    def add_form(self, name, broker='Domy Brokerzy sp. z o.o.'):
        made = self.crmctl('forms', 'add', '--name', name, '--broker-name', broker,
                           '--broker-email', 'biuro@brokerzy.example.pl', json_output=True)
        token = re.search(r'/f/([^/?#]+)$', made['url']).group(1)
        return made['id'], token

    def revoke_form(self, form_id):
        self.crmctl('forms', 'revoke', str(form_id))

    def serve(self, address='127.0.0.1:0', *extra):
        command = [CRMCTL, '--data-dir', self.dir, 'serve', '--http', address] + list(extra)
        if LOCALEDIR:
            command += ['--locale-dir', LOCALEDIR]
        self.server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.server.stderr.readline()
            if not line:
                fail('crmctl serve ended: %s' % self.server.wait())
            match = re.search(r'http://[^ ]*:(\d+)/f/', line)
            if match:
                self.port = int(match.group(1))
                return self.port
        fail('crmctl serve did not say where it serves')

    def query(self, sql):
        database = sqlite3.connect(os.path.join(self.dir, 'crm.sqlite'), timeout=30)
        try:
            return database.execute(sql).fetchone()[0]
        finally:
            database.close()

    def count(self, table):
        return self.query('SELECT count(*) FROM %s' % table)

    def close(self):
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                fail('crmctl serve did not stop on SIGTERM')
            if self.server.returncode != 0:
                fail('crmctl serve ended with %d' % self.server.returncode)
        shutil.rmtree(self.dir, ignore_errors=True)


def multipart(fields, files=()):
    """fields: [(name, str|bytes)], files: [(name, file name, bytes, type)]"""
    boundary = '----crm-test-' + uuid.uuid4().hex
    body = bytearray()
    for name, value in fields:
        if isinstance(value, str):
            value = value.encode('utf-8')
        body += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (boundary, name)).encode()
        body += value + b'\r\n'
    for name, file_name, data, content_type in files:
        body += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                 'Content-Type: %s\r\n\r\n' % (boundary, name, file_name, content_type)).encode()
        body += data + b'\r\n'
    body += ('--%s--\r\n' % boundary).encode()
    return bytes(body), 'multipart/form-data; boundary=' + boundary


def stamp_of(page):
    return re.search(r'name="stamp" value="([^"]+)"', page).group(1)


def good_fields(stamp, investment_id, **changes):
    fields = {
        'investment': str(investment_id),
        'client_name': 'Zofia Wiśniewska',
        'phone': '600 100 200',
        'email': 'zofia@example.pl',
        'pesel': '44051401458',
        'advisor_name': 'Marek Nowak',
        'advisor_email': 'marek@brokerzy.example.pl',
        'advisor_phone': '',
        'consent': 'yes',
        'website': '',
        'stamp': stamp,
    }
    fields.update(changes)
    return list(fields.items())
