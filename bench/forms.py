# SPDX-License-Identifier: GPL-3.0-or-later
"""bench/forms: run by bench/forms (see its header)."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'referrals'))
from forms_fixture import PDF, Office, good_fields, multipart, stamp_of  # noqa: E402

SECONDS = os.environ.get('BENCH_SECONDS', '5')
BARE = os.environ['BENCH_FORMS_BARE']


def wrk(url):
    run = subprocess.run(['wrk', '-t1', '-c16', '-d%ss' % SECONDS, '--latency', url],
                         capture_output=True, text=True, check=True)
    rate = float(re.search(r'Requests/sec:\s+([\d.]+)', run.stdout).group(1))
    p99 = re.search(r'99%\s+(\S+)', run.stdout)
    errors = re.search(r'Non-2xx or 3xx responses: (\d+)', run.stdout)
    return rate, p99.group(1) if p99 else '?', int(errors.group(1)) if errors else 0


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    office = Office()
    directory = tempfile.mkdtemp(prefix='crm-bench-forms-')
    nginx = None
    try:
        investment = office.add_investment('Osiedle Zielone')
        office.add_investment('Dom nad Wisłą')
        _, token = office.add_form('Brokerzy — bench')
        office.serve('127.0.0.1:0')
        conn = http.client.HTTPConnection('127.0.0.1', office.port)
        conn.request('GET', '/f/' + token)
        page = conn.getresponse().read()
        conn.close()
        os.makedirs(os.path.join(directory, 'www', 'f'))
        with open(os.path.join(directory, 'www', 'f', 'page.html'), 'wb') as f:
            f.write(page)
        port = free_port()
        for sub in ('body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'):
            os.makedirs(os.path.join(directory, sub))
        with open(os.path.join(directory, 'nginx.conf'), 'w') as f:
            f.write('''daemon off; master_process off; worker_processes 1;
pid {d}/nginx.pid; error_log {d}/error.log warn;
events {{ worker_connections 1024; }}
http {{ access_log off; client_body_temp_path {d}/body; proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
  server {{ listen 127.0.0.1:{p}; root {d}/www; default_type text/html; }} }}
'''.format(d=directory, p=port))
        nginx = subprocess.Popen(['nginx', '-p', directory, '-c', os.path.join(directory, 'nginx.conf')])
        time.sleep(0.5)

        bare_port = free_port()
        bare = subprocess.Popen([BARE, str(bare_port), os.path.join(directory, 'www', 'f', 'page.html')])
        time.sleep(0.5)
        try:
            print('== GET of the form page, %s s each, 16 connections, one worker; 3 rounds, alternating' % SECONDS)
            rates = {'crm': [], 'nginx': [], 'bare': []}
            for _ in range(3):
                crm, crm_p99, crm_errors = wrk('http://127.0.0.1:%d/f/%s' % (office.port, token))
                rates['crm'].append(crm)
                static, static_p99, _ = wrk('http://127.0.0.1:%d/f/page.html' % port)
                rates['nginx'].append(static)
                soup, soup_p99, _ = wrk('http://127.0.0.1:%d/f/page.html' % bare_port)
                rates['bare'].append(soup)
                print('crmctl serve --http : %8.0f requests/s  (p99 %s, %d errors)' % (crm, crm_p99, crm_errors))
                print('nginx, static file  : %8.0f requests/s  (p99 %s)' % (static, static_p99))
                print('libsoup, bare server: %8.0f requests/s  (p99 %s; the same bytes, no work of ours)'
                      % (soup, soup_p99))
            crm, static, soup = (sorted(rates[k])[1] for k in ('crm', 'nginx', 'bare'))
            print('medians             : crm %.0f, nginx %.0f, bare libsoup %.0f requests/s' % (crm, static, soup))
            print('ratio to nginx      : %8.0f %%  (target: >= 50 %%)' % (100 * crm / static))
            print('ratio to bare libsoup: %7.0f %%  (what libsoup allows: %.0f %% of nginx)'
                  % (100 * crm / soup, 100 * soup / static))
        finally:
            bare.terminate()
            bare.wait()

        print('== a submission with a 5 MB document (5 runs)')
        document = b'%PDF-1.4\n' + os.urandom(5 * 1024 * 1024)
        stamps = []
        for _ in range(5):
            conn = http.client.HTTPConnection('127.0.0.1', office.port)
            conn.request('GET', '/f/' + token)
            stamps.append(stamp_of(conn.getresponse().read().decode()))
            conn.close()
        time.sleep(3.2)
        times = []
        for i, stamp in enumerate(stamps):
            body, content_type = multipart(good_fields(stamp, investment),
                                           [('documents', 'skan.pdf', document, 'application/pdf')])
            conn = http.client.HTTPConnection('127.0.0.1', office.port, source_address=('127.0.0.%d' % (20 + i), 0))
            conn.putrequest('POST', '/f/' + token)
            conn.putheader('Content-Type', content_type)
            conn.putheader('Content-Length', str(len(body)))
            conn.endheaders()
            conn.send(body)
            # the server's time: from the last byte sent to the answer
            start = time.perf_counter()
            response = conn.getresponse()
            response.read()
            times.append((time.perf_counter() - start) * 1000)
            conn.close()
            assert response.status == 303, response.status
        times.sort()
        print('server time: median %.1f ms, best %.1f ms, worst %.1f ms  (target: < 50 ms)'
              % (times[len(times) // 2], times[0], times[-1]))
        print('referrals stored: %d, documents: %d' % (office.count('referrals'), office.count('referral_documents')))
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait()
        office.close()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == '__main__':
    main()
