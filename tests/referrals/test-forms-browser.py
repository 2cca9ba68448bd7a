#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real browser on the referral form: headless Chromium (Selenium and
chromedriver) fills it in with a PDF document and a wrong PESEL, reads
the messages, corrects it and sends it; the referral is in the store.
Screenshots of the empty form, the form with its errors and the thanks
page go to the build directory's tests/screenshots/."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from forms_fixture import PDF, Office, check  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

SCREENSHOTS = os.environ['CRM_TEST_SCREENSHOTS']


def browser(language):
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for argument in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                     '--window-size=900,1400', '--lang=' + language, '--no-first-run',
                     '--user-data-dir=' + tempfile.mkdtemp(prefix='crm-chromium-')):
        options.add_argument(argument)
    options.add_experimental_option('prefs', {'intl.accept_languages': language})
    return webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)


def shoot(driver, name):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    height = driver.execute_script('return document.documentElement.scrollHeight')
    driver.set_window_size(900, max(800, height + 120))
    path = os.path.join(SCREENSHOTS, name)
    driver.save_screenshot(path)
    print('# screenshot: ' + path)


def fill(driver, field, text):
    element = driver.find_element(By.ID, 'f-' + field)
    element.clear()
    element.send_keys(text)


def main():
    office = Office()
    driver = None
    document = os.path.join(office.dir, 'skan dowodu.pdf')
    with open(document, 'wb') as f:
        f.write(PDF)
    try:
        office.add_investment('Osiedle Zielone')
        office.add_investment('Dom nad Wisłą')
        _, token = office.add_form('Brokerzy — Gdańsk')
        office.serve()
        driver = browser('pl')
        url = 'http://127.0.0.1:%d/f/%s' % (office.port, token)

        driver.get(url)
        check(driver.find_element(By.TAG_NAME, 'html').get_attribute('lang') == 'pl', 'the page is in Polish')
        check(driver.execute_script('return document.scripts.length') == 0, 'the page runs no script')
        shoot(driver, 'forms-empty.png')
        opened = time.monotonic()

        Select(driver.find_element(By.ID, 'f-investment')).select_by_visible_text('Osiedle Zielone')
        fill(driver, 'client_name', 'Zofia Wiśniewska')
        fill(driver, 'phone', '600 100 200')
        fill(driver, 'email', 'zofia@example.pl')
        fill(driver, 'pesel', '44051401459')
        driver.find_element(By.ID, 'f-documents').send_keys(document)
        fill(driver, 'advisor_name', 'Marek Nowak')
        fill(driver, 'advisor_email', 'marek@brokerzy.example.pl')
        driver.find_element(By.ID, 'f-consent').click()
        # a person takes a few seconds; so does this test
        time.sleep(max(0, 3.5 - (time.monotonic() - opened)))
        driver.find_element(By.CSS_SELECTOR, 'button[type=submit]').click()

        summary = driver.find_element(By.ID, 'summary')
        check(summary.is_displayed(), 'the errors are summed up at the top')
        pesel = driver.find_element(By.ID, 'f-pesel')
        check(pesel.get_attribute('aria-invalid') == 'true', 'the PESEL field is marked invalid')
        check('e-pesel' in pesel.get_attribute('aria-describedby'), 'its message is tied to it')
        check(driver.find_element(By.ID, 'f-client_name').get_attribute('value') == 'Zofia Wiśniewska',
              'what was typed is kept')
        check(driver.find_element(By.ID, 'e-documents').is_displayed(), 'the documents are to be chosen again')
        check(office.count('referrals') == 0, 'nothing stored yet')
        shoot(driver, 'forms-errors.png')

        opened = time.monotonic()
        fill(driver, 'pesel', '44051401458')
        driver.find_element(By.ID, 'f-documents').send_keys(document)
        if not driver.find_element(By.ID, 'f-consent').is_selected():
            driver.find_element(By.ID, 'f-consent').click()
        time.sleep(max(0, 3.5 - (time.monotonic() - opened)))
        driver.find_element(By.CSS_SELECTOR, 'button[type=submit]').click()
        check(driver.current_url.endswith('/f/%s/thanks' % token), 'a good form leads to the thanks page')
        check('Dziękujemy' in driver.page_source or 'Thank you' in driver.page_source, 'thanked')
        shoot(driver, 'forms-thanks.png')
        driver.refresh()
        check(office.count('referrals') == 1, 'the referral is in the store, once, reload or not')
        check(office.count('referral_documents') == 1, 'with its document')
        listed = office.crmctl('referrals', 'list', json_output=True)
        check(len(listed) == 1 and listed[0]['client_name'] == 'Zofia Wiśniewska', 'crmctl referrals list shows it')
    finally:
        if driver is not None:
            driver.quit()
        office.close()


if __name__ == '__main__':
    main()
