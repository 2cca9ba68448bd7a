#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The referral forms' server against hostile clients, over real HTTP:
forged and revoked links, bodies and documents over the limits, a text
file called .pdf, CR, LF and NUL in fields, 10,000-character fields, a
burst of posts, robots, slow clients holding connections while a normal
client is served, and a resent form stored once. Nothing refused is
stored, and the server keeps serving."""

import http.client
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from forms_fixture import (PDF, Office, check, fail, good_fields, multipart,  # noqa: E402
                           stamp_of)

# Each case posts from an address of its own (all of 127.0.0.0/8 is
# this computer's), so that the per-address limit is tested alone.
next_source = [10]


def connection(office, source=None):
    if source is None:
        next_source[0] += 1
        source = '127.0.0.%d' % next_source[0]
    return http.client.HTTPConnection('127.0.0.1', office.port, timeout=60, source_address=(source, 0))


def request(office, method, path, body=None, headers=None, source=None):
    conn = connection(office, source)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read().decode('utf-8', 'replace')
    conn.close()
    return response, data


def get_page(office, token, language=None):
    headers = {'Accept-Language': language} if language else {}
    response, page = request(office, 'GET', '/f/' + token, headers=headers)
    check(response.status == 200, 'GET /f/TOKEN answers 200 (%s)' % language)
    return page


def post(office, token, fields, files=(), source=None, language=None):
    body, content_type = multipart(fields, files)
    headers = {'Content-Type': content_type}
    if language:
        headers['Accept-Language'] = language
    return request(office, 'POST', '/f/' + token, body, headers, source)


def main():
    office = Office()
    try:
        run(office)
    finally:
        office.close()


def run(office):
    investment = office.add_investment('Osiedle Zielone')
    form_id, token = office.add_form('Brokerzy — Warszawa')
    revoked_id, revoked_token = office.add_form('Brokerzy — dawni')
    office.revoke_form(revoked_id)
    office.serve()

    # the page, its headers, its languages
    response, page = request(office, 'GET', '/f/' + token)
    check(response.status == 200, 'the form is served')
    headers = {k.lower(): v for k, v in response.getheaders()}
    check("default-src 'none'" in headers.get('content-security-policy', ''), 'a Content-Security-Policy')
    check(headers.get('x-frame-options') == 'DENY', 'X-Frame-Options: DENY')
    check(headers.get('referrer-policy') == 'no-referrer', 'Referrer-Policy: no-referrer')
    check('no-store' in headers.get('cache-control', ''), 'the form is not cached')
    check('<html lang="pl">' in page, 'Polish by default')
    check('Osiedle Zielone' in page and 'Domy Brokerzy' in page, 'the investments and the broker')
    check('<script' not in page, 'no script')
    check(get_page(office, token, 'ru;q=0.9, en;q=0.8').count('Телефон') >= 1, 'Russian by Accept-Language')
    hungarian = get_page(office, token, 'de-DE, hu;q=0.7, en;q=0.3')
    check('<html lang="hu">' in hungarian and 'Telefon' in hungarian, 'Hungarian by its q-value')
    english = get_page(office, token, 'en-GB,en;q=0.9,pl;q=0.5')
    check('<html lang="en">' in english and '>Phone' in english, 'English')
    check('<html lang="pl">' in get_page(office, token, 'de, fr;q=0.5'), 'Polish when none is known')

    # forged, unknown and revoked links
    forged = token[:-2] + ('AA' if not token.endswith('AA') else 'BB')
    for path in ('/f/' + forged, '/f/nothing-at-all', '/f/' + forged + '/thanks', '/admin', '/f/'):
        response, _ = request(office, 'GET', path)
        check(response.status == 404, 'GET %s answers 404' % path[:20])
    response, _ = post(office, forged, good_fields('x', investment))
    check(response.status == 404, 'a post to a forged link answers 404')
    response, page = request(office, 'GET', '/f/' + revoked_token)
    check(response.status == 410, 'a revoked link answers 410')
    response, _ = post(office, revoked_token, good_fields(stamp_of(get_page(office, token)), investment))
    check(response.status == 410, 'a post to a revoked link answers 410')

    # bodies over the limits
    conn = connection(office)
    conn.putrequest('POST', '/f/' + token)
    conn.putheader('Content-Type', 'multipart/form-data; boundary=x')
    conn.putheader('Content-Length', str(30 * 1024 * 1024))
    conn.endheaders()
    conn.send(b'--x\r\n' * 100)
    response = conn.getresponse()
    check(response.status == 413, 'a declared 30 MB body is refused before it is read (413)')
    conn.close()

    conn = connection(office)
    conn.putrequest('POST', '/f/' + token)
    conn.putheader('Content-Type', 'multipart/form-data; boundary=x')
    conn.putheader('Transfer-Encoding', 'chunked')
    conn.endheaders()
    chunk = b'a' * (1024 * 1024)
    status = None
    try:
        for _ in range(40):
            conn.send(b'%x\r\n%s\r\n' % (len(chunk), chunk))
        conn.send(b'0\r\n\r\n')
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        status = conn.getresponse().status
    except (ConnectionResetError, http.client.RemoteDisconnected):
        status = 'reset'
    check(status in (413, 'reset'), 'a chunked body over 25 MB is cut off (%s)' % status)
    conn.close()

    page = get_page(office, token)
    big = PDF + b'0' * (11 * 1024 * 1024)
    response, _ = post(office, token, good_fields(stamp_of(page), investment),
                       [('documents', 'big.pdf', big, 'application/pdf')])
    check(response.status == 413, 'a document over 10 MB answers 413')

    time.sleep(3.2)
    # a text file called .pdf, CR/LF and NUL, 10,000 characters
    response, body = post(office, token, good_fields(stamp_of(page), investment),
                          [('documents', 'umowa.pdf', b'this is not a PDF at all', 'application/pdf')],
                          language='en')
    check(response.status == 422 and 'is not a PDF, JPEG or PNG file' in body,
          'a text file called .pdf is refused by its content')
    check('choose them again' in body, 'the documents are to be chosen again')
    check('this is not a PDF' not in body, 'an uploaded file is never sent back')
    response, body = post(office, token, good_fields(stamp_of(page), investment,
                                                     client_name='Zofia\r\nBcc: spam@example.com'),
                          language='en')
    check(response.status == 422 and 'without line breaks' in body, 'CR/LF in a name is refused')
    check('aria-describedby="e-client_name"' in body and 'id="e-client_name"' in body,
          'the error is tied to its field')
    check('class="summary"' in body and 'href="#f-client_name"' in body, 'the error summary links to the field')
    check('Zofia  Bcc: spam@example.com' in body, 'the value is shown again, in one line')
    response, body = post(office, token, good_fields(stamp_of(page), investment, advisor_name='Marek\x00Nowak'),
                          language='en')
    check(response.status == 422 and 'without line breaks' in body, 'NUL in a field is refused')
    response, body = post(office, token, good_fields(stamp_of(page), investment, client_name='x' * 10000),
                          language='en')
    check(response.status == 422 and 'Use at most 200 characters' in body, 'a 10,000-character field is refused')
    response, body = post(office, token, good_fields(stamp_of(page), investment,
                                                     client_name='<script>alert(1)</script>', pesel='44051401459'),
                          language='en')
    check(response.status == 422 and '&lt;script&gt;' in body and '<script>' not in body, 'what was typed is escaped')
    check('not a valid PESEL' in body, 'a wrong PESEL is named')
    check(office.count('referrals') == 0, 'nothing refused was stored')

    # robots: thanked, nothing stored
    response, _ = post(office, token, good_fields(stamp_of(page), investment, website='http://spam.example'))
    check(response.status == 303, 'the hidden field filled: thanked')
    response, _ = post(office, token, good_fields(stamp_of(get_page(office, token)), investment))
    check(response.status == 303, 'a post faster than a person: thanked')
    check(office.count('referrals') == 0, 'robots store nothing')

    # a good referral, sent twice (a double click, a resend): stored once
    fields = good_fields(stamp_of(page), investment)
    files = [('documents', 'dowod.pdf', PDF, 'application/octet-stream')]
    for attempt in range(2):
        response, _ = post(office, token, fields, files)
        check(response.status == 303 and response.getheader('Location', '').endswith('/f/%s/thanks' % token),
              'a good post is sent to the thanks page (%d)' % attempt)
    response, body = request(office, 'GET', '/f/%s/thanks' % token)
    check(response.status == 200, 'the thanks page')
    check(office.count('referrals') == 1, 'one referral for a form sent twice')
    check(office.count('referral_documents') == 1, 'its document')

    # a burst of posts from one address
    statuses = []
    for _ in range(12):
        response, _ = post(office, token, good_fields('bad', investment), source='127.0.0.200')
        statuses.append((response.status, response.getheader('Retry-After')))
    limited = [s for s in statuses if s[0] == 429]
    check(len(limited) > 0 and all(s[1] and int(s[1]) > 0 for s in limited),
          'a burst of posts meets 429 with Retry-After (%d of 12)' % len(limited))

    # slow clients hold connections, a byte a second; others are served
    slow = []
    for i in range(6):
        s = socket.create_connection(('127.0.0.1', office.port), source_address=('127.0.0.%d' % (150 + i), 0))
        s.sendall(b'GET /f/' + token.encode() + b' HTTP/1.1\r\n')
        slow.append(s)
    stop = threading.Event()

    def drip():
        while not stop.is_set():
            for s in slow:
                try:
                    s.send(b'X')
                except OSError:
                    pass
            time.sleep(1)
    dripping = threading.Thread(target=drip)
    dripping.start()
    started = time.monotonic()
    served = 0
    while time.monotonic() - started < 4:
        response, _ = request(office, 'GET', '/f/' + token, source='127.0.0.99')
        served += response.status == 200
    check(served > 0, 'a normal client is served while slow ones hold connections (%d pages)' % served)
    closed = 0
    for s in slow:
        s.settimeout(30)
        try:
            while s.recv(4096):
                pass
            closed += 1
        except socket.timeout:
            pass
        except OSError:
            closed += 1
    stop.set()
    dripping.join()
    check(closed == len(slow), 'slow clients are cut off')
    for s in slow:
        s.close()

    response, _ = request(office, 'GET', '/f/' + token)
    check(response.status == 200, 'the server keeps serving')
    check(office.count('referrals') == 1, 'nothing else was stored')


if __name__ == '__main__':
    main()
