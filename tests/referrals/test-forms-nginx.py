#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""data/forms/nginx-crm-forms.conf as the README sets it up: a real
nginx, its ports and certificate adapted (a self-signed one from
openssl), in front of `crmctl serve --http`; a referral submitted
through it over TLS is stored, the client's address reaches the CRM
through X-Forwarded-For from the trusted proxy only, the proxy's own
limits answer, and only the forms' paths pass."""

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from forms_fixture import PDF, Office, check, fail, good_fields, multipart, stamp_of  # noqa: E402

CONF = os.path.join(os.environ['G_TEST_SRCDIR'], '..', '..', 'data', 'forms', 'nginx-crm-forms.conf')
NGINX = shutil.which('nginx') or '/usr/sbin/nginx'


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_nginx(directory, backend_port):
    key = os.path.join(directory, 'forms.key')
    cert = os.path.join(directory, 'forms.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
                    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
                    '-keyout', key, '-out', cert], check=True, capture_output=True)
    http_port, https_port = free_port(), free_port()
    with open(CONF, encoding='utf-8') as f:
        site = f.read()
    # the example's ports and paths, adapted; everything else as shipped
    site = site.replace('server 127.0.0.1:8088;', 'server 127.0.0.1:%d;' % backend_port)
    site = re.sub(r'listen 80;', 'listen 127.0.0.1:%d;' % http_port, site)
    site = re.sub(r'listen 443 ssl http2;', 'listen 127.0.0.1:%d ssl http2;' % https_port, site)
    site = re.sub(r'\n\s*listen \[::\]:\d+[^;]*;', '', site)
    site = site.replace('/etc/ssl/certs/forms.example.pl.pem', cert)
    site = site.replace('/etc/ssl/private/forms.example.pl.key', key)
    with open(os.path.join(directory, 'site.conf'), 'w', encoding='utf-8') as f:
        f.write(site)
    for sub in ('body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'):
        os.makedirs(os.path.join(directory, sub), exist_ok=True)
    main = '''
daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {d}/access.log;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    include {d}/site.conf;
}}
'''.format(d=directory)
    with open(os.path.join(directory, 'nginx.conf'), 'w', encoding='utf-8') as f:
        f.write(main)
    test = subprocess.run([NGINX, '-t', '-p', directory, '-c', os.path.join(directory, 'nginx.conf')],
                          capture_output=True, text=True)
    check(test.returncode == 0, 'nginx takes the configuration: ' + test.stderr.strip().splitlines()[-1])
    nginx = subprocess.Popen([NGINX, '-p', directory, '-c', os.path.join(directory, 'nginx.conf')])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(('127.0.0.1', https_port), timeout=1).close()
            return nginx, http_port, https_port, cert
        except OSError:
            time.sleep(0.1)
    fail('nginx did not listen')


def main():
    office = Office()
    directory = tempfile.mkdtemp(prefix='crm-nginx-')
    nginx = None
    try:
        investment = office.add_investment('Osiedle Zielone')
        form_id, token = office.add_form('Brokerzy — Kraków')
        office.crmctl('settings', 'forms-server', '--trusted-proxy', '127.0.0.1')
        backend = office.serve('127.0.0.1:0')
        nginx, http_port, https_port, cert = start_nginx(directory, backend)
        context = ssl.create_default_context(cafile=cert)

        def https(method, path, body=None, headers=None):
            conn = http.client.HTTPSConnection('127.0.0.1', https_port, context=context, timeout=60)
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read().decode('utf-8', 'replace')
            conn.close()
            return response, data

        conn = http.client.HTTPConnection('127.0.0.1', http_port, timeout=30)
        conn.request('GET', '/f/' + token)
        check(conn.getresponse().status == 301, 'plain HTTP is sent to HTTPS')
        conn.close()

        response, page = https('GET', '/f/' + token, headers={'Accept-Language': 'en'})
        check(response.status == 200 and 'Osiedle Zielone' in page, 'the form through nginx over TLS')
        check("default-src 'none'" in (response.getheader('Content-Security-Policy') or ''),
              'the CRM\'s headers pass through')
        response, _ = https('GET', '/etc/passwd')
        check(response.status == 404, 'only the forms\' paths pass')
        response, _ = https('GET', '/f/' + token + '/../../admin')
        check(response.status == 404, 'no way around the paths')

        # a client lying about its address cannot spend another's limit:
        # the proxy sets X-Forwarded-For to the address it saw
        time.sleep(3.2)
        body, content_type = multipart(good_fields(stamp_of(page), investment),
                                       [('documents', 'skan.pdf', PDF, 'application/pdf')])
        response, _ = https('POST', '/f/' + token, body,
                            {'Content-Type': content_type, 'X-Forwarded-For': '203.0.113.9'})
        check(response.status == 303, 'a referral submitted through nginx')
        check(office.count('referrals') == 1 and office.count('referral_documents') == 1, 'stored with its document')
        check(office.query('SELECT remote_address FROM referrals') == '127.0.0.1',
              'the address nginx saw, not the one the client claimed')

        big = b'0' * (27 * 1024 * 1024)
        try:
            response, _ = https('POST', '/f/' + token, big, {'Content-Type': 'multipart/form-data; boundary=x'})
            status = response.status
        except (ConnectionResetError, BrokenPipeError, ssl.SSLError):
            status = 'reset'
        check(status in (413, 'reset'), 'nginx refuses a body over client_max_body_size (%s)' % status)

        statuses = []
        for _ in range(40):
            response, _ = https('GET', '/f/' + token)
            statuses.append(response.status)
        check(429 in statuses, 'nginx\'s limit_req answers 429 to a burst')
        check(office.count('referrals') == 1, 'nothing else stored')
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=30)
        office.close()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == '__main__':
    main()
