#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/mail-import-generate.py [--messages N] [--seed S] MAILDIR:
# writes N synthetic RFC 5322 messages (20,000 by default) into
# MAILDIR/cur as unread Maildir files, the same bytes for the same N and
# seed. For bench/mail-import; also useful on its own to fill a test
# mailbox.
#
# The mail is what an office in Central Europe receives: senders who
# write again and again, Polish, Russian, Hungarian, Czech and English
# text in UTF-8, ISO-8859-2, KOI8-R and windows-1250, RFC 2047
# encoded-word subjects and names (B and Q), bodies in 8bit, quoted-
# printable and base64, replies in threads, and about 5% multipart
# messages with one base64 attachment of 10-200 KB (some with RFC 2231
# file names). Every message has a unique Message-ID and a Date.
#
# Files are written the way Dovecot delivers them: LF line ends, and
# ",S=size,W=size-with-CRLF" in the name, so that Dovecot need not
# read a message to know its sizes. Their mtime (Dovecot's INTERNALDATE)
# is the Date. Prints "MESSAGES BYTES ATTACHMENTS" on standard output.

import argparse
import base64
import codecs
import datetime
import os
import quopri
import random
import sys
import textwrap
import unicodedata
from email.utils import format_datetime

# (language, charset, weight): the body charset of a message; the
# subject and names are encoded in the same charset
LOCALES = [
    ("en", "us-ascii", 6),
    ("en", "utf-8", 6),
    ("pl", "utf-8", 14),
    ("ru", "utf-8", 8),
    ("hu", "utf-8", 6),
    ("cs", "utf-8", 4),
    ("pl", "iso-8859-2", 18),
    ("ru", "koi8-r", 14),
    ("hu", "iso-8859-2", 12),
    ("cs", "windows-1250", 6),
    ("pl", "windows-1250", 6),
]

FIRST = {
    "en": ["John", "Mary", "Peter", "Susan", "David", "Emma", "George", "Alice", "Robert", "Kate"],
    "pl": ["Łukasz", "Małgorzata", "Paweł", "Józef", "Agnieszka", "Zbigniew", "Żaneta", "Grzegorz",
           "Bożena", "Krzysztof", "Jolanta", "Wojciech", "Ewa", "Michał", "Katarzyna", "Jędrzej"],
    "ru": ["Алексей", "Мария", "Дмитрий", "Елена", "Сергей", "Ольга", "Игорь", "Наталья",
           "Юрий", "Татьяна", "Владимир", "Светлана", "Михаил", "Ирина"],
    "hu": ["Árpád", "Erzsébet", "Gábor", "Zsófia", "László", "Krisztina", "Péter", "Ildikó",
           "Tamás", "Katalin", "Ödön", "Éva", "Zoltán", "Réka"],
    "cs": ["Jiří", "Markéta", "Tomáš", "Kateřina", "Petr", "Lucie", "Václav", "Zuzana",
           "Miroslav", "Hana", "Radek", "Věra"],
}
LAST = {
    "en": ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Evans", "Walker", "Wright", "Hughes"],
    "pl": ["Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zieliński", "Szymańska",
           "Woźniak", "Dąbrowski", "Kozłowska", "Jankowski", "Mazur", "Krawczyk", "Piątek", "Grabowski"],
    "ru": ["Иванов", "Смирнова", "Кузнецов", "Попова", "Васильев", "Петрова", "Соколов", "Михайлова",
           "Новиков", "Фёдорова", "Морозов", "Волкова"],
    "hu": ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
           "Farkas", "Balogh", "Papp", "Lukács", "Szűcs", "Fekete", "Győri"],
    "cs": ["Novák", "Svobodová", "Dvořák", "Černá", "Procházka", "Kučerová", "Veselý", "Horáková",
           "Němec", "Marková", "Pokorný", "Růžičková"],
}
COMPANIES = {
    "en": ["Acme Ltd", "Northwind Trading", "Blue Harbour Estates", "Greenfield Partners", "Oakridge Holdings"],
    "pl": ["Nieruchomości Łódź sp. z o.o.", "Dom i Ogród S.A.", "Biuro Żółty Dom", "Kraków Apartamenty",
           "Gdańskie Mieszkania", "Wrocławska Agencja Ślązak"],
    "ru": ["ООО «Северный дом»", "АО «Городская недвижимость»", "Агентство «Уют»", "ООО «Новострой»"],
    "hu": ["Ingatlan Győr Kft.", "Duna Lakópark Zrt.", "Szőlőhegy Ingatlaniroda", "Balaton Ház Kft."],
    "cs": ["Reality Brno s.r.o.", "Dům a Zahrada a.s.", "Pražské Byty s.r.o.", "Česká Realitní"],
}
SUBJECTS = {
    "en": ["Viewing on {day} at {hour}", "Question about the flat on {street}", "Offer {num}: is it still available?",
           "Re: your enquiry", "Documents for the contract", "Invoice {num}", "Price of the house in {city}",
           "Meeting next week", "Complaint about the heating", "Request for a callback"],
    "pl": ["Oglądanie mieszkania w {day} o {hour}", "Pytanie o lokal przy ul. {street}",
           "Oferta {num} – czy jest jeszcze aktualna?", "Dokumenty do umowy przedwstępnej",
           "Faktura VAT nr {num}", "Cena domu w {city} — prośba o zniżkę",
           "Zgłoszenie usterki: źle działające ogrzewanie", "Proszę o kontakt telefoniczny",
           "Żądanie zwrotu zaliczki", "Spotkanie w przyszłym tygodniu"],
    "ru": ["Просмотр квартиры в {day} в {hour}", "Вопрос о квартире на улице {street}",
           "Предложение {num}: ещё актуально?", "Документы для договора", "Счёт № {num}",
           "Цена дома в городе {city}", "Жалоба на отопление", "Прошу перезвонить",
           "Встреча на следующей неделе", "Возврат задатка"],
    "hu": ["Lakásmegtekintés {day} {hour}", "Kérdés a(z) {street} utcai lakásról",
           "{num}. számú ajánlat: még érvényes?", "Szerződéshez szükséges iratok", "Számla: {num}",
           "Ház ára {city} településen", "Panasz a fűtésre", "Kérem, hívjon vissza",
           "Találkozó a jövő héten", "Előleg visszafizetése"],
    "cs": ["Prohlídka bytu v {day} v {hour}", "Dotaz na byt v ulici {street}",
           "Nabídka {num}: je ještě aktuální?", "Dokumenty ke smlouvě", "Faktura č. {num}",
           "Cena domu v obci {city}", "Stížnost na topení", "Prosím o zpětné zavolání",
           "Schůzka příští týden", "Vrácení zálohy"],
}
DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "pl": ["poniedziałek", "wtorek", "środę", "czwartek", "piątek"],
    "ru": ["понедельник", "вторник", "среду", "четверг", "пятницу"],
    "hu": ["hétfőn", "kedden", "szerdán", "csütörtökön", "pénteken"],
    "cs": ["pondělí", "úterý", "středu", "čtvrtek", "pátek"],
}
STREETS = {
    "en": ["High Street", "Station Road", "Church Lane", "Mill Road"],
    "pl": ["Żeromskiego", "Świętokrzyska", "Łąkowa", "Źródlana", "Mickiewicza", "Ściegiennego"],
    "ru": ["Ленина", "Садовая", "Пушкина", "Гоголя", "Шевченко"],
    "hu": ["Petőfi", "Kossuth", "Szőlő", "Erzsébet", "Dózsa György"],
    "cs": ["Husova", "Komenského", "Žižkova", "Národní", "Dvořákova"],
}
CITIES = {
    "en": ["Bristol", "Leeds", "York", "Bath"],
    "pl": ["Łódź", "Gdańsk", "Wrocław", "Kraków", "Poznań", "Bielsko-Biała", "Zielona Góra"],
    "ru": ["Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург"],
    "hu": ["Győr", "Pécs", "Debrecen", "Székesfehérvár", "Szeged"],
    "cs": ["Brno", "Plzeň", "Ústí nad Labem", "České Budějovice", "Olomouc"],
}
GREETING = {
    "en": ["Hello,", "Dear Sir or Madam,", "Hi {name},", "Good morning,"],
    "pl": ["Dzień dobry,", "Szanowni Państwo,", "Witam serdecznie,", "Cześć {name},"],
    "ru": ["Здравствуйте!", "Добрый день,", "Уважаемые господа,", "Привет, {name}!"],
    "hu": ["Jó napot kívánok!", "Tisztelt Hölgyem/Uram!", "Kedves {name}!", "Üdvözlöm,"],
    "cs": ["Dobrý den,", "Vážení,", "Ahoj {name},", "Zdravím,"],
}
PARAGRAPHS = {
    "en": [
        "I saw your offer on the website and I would like to see the flat. Would it be possible "
        "to arrange a viewing this week, preferably in the afternoon?",
        "Please find the signed documents attached. Let me know if anything is missing or if "
        "you need the originals sent by post.",
        "The heating in the flat has not worked properly since Monday. The radiators in the "
        "bedroom stay cold and the boiler shows an error code.",
        "We are still interested in the house, but the price seems a little high for the area. "
        "Is the owner open to negotiation?",
        "Thank you for the quick reply. The date you proposed suits us well, we will be there "
        "on time. My phone number is below in case of any changes.",
    ],
    "pl": [
        "Zobaczyłem Państwa ogłoszenie w internecie i chciałbym obejrzeć mieszkanie. Czy byłoby "
        "możliwe umówienie się na oglądanie jeszcze w tym tygodniu, najlepiej po południu?",
        "W załączeniu przesyłam podpisane dokumenty. Proszę dać znać, czy czegoś brakuje, lub "
        "czy oryginały mam wysłać pocztą.",
        "Od poniedziałku ogrzewanie w mieszkaniu działa źle. Grzejniki w sypialni są zimne, a "
        "piec gazowy wyświetla kod błędu. Proszę o pilną interwencję — marzniemy!",
        "Nadal jesteśmy zainteresowani domem, ale cena wydaje się nieco wygórowana jak na tę "
        "okolicę. Czy właściciel jest otwarty na negocjacje? Zażółć gęślą jaźń.",
        "Dziękuję za szybką odpowiedź. Zaproponowany termin bardzo nam odpowiada, będziemy "
        "punktualnie. Poniżej mój numer telefonu, gdyby coś się zmieniło.",
        "Żona pyta jeszcze, czy do mieszkania należy piwnica lub komórka lokatorska, i ile "
        "wynoszą miesięczne opłaty do wspólnoty. Źródło ciepła: miejska sieć?",
    ],
    "ru": [
        "Я увидел ваше объявление на сайте и хотел бы посмотреть квартиру. Можно ли договориться "
        "о просмотре на этой неделе, желательно во второй половине дня?",
        "Во вложении подписанные документы. Сообщите, пожалуйста, если чего-то не хватает или "
        "нужно прислать оригиналы по почте.",
        "С понедельника в квартире плохо работает отопление. Батареи в спальне холодные, а котёл "
        "показывает код ошибки. Просим срочно прислать мастера.",
        "Мы всё ещё заинтересованы в доме, но цена кажется немного завышенной для этого района. "
        "Готов ли владелец к торгу? Съешь же ещё этих мягких французских булок.",
        "Спасибо за быстрый ответ. Предложенное время нам подходит, будем вовремя. Мой номер "
        "телефона указан ниже на случай изменений.",
    ],
    "hu": [
        "Láttam a hirdetésüket az interneten, és szeretném megnézni a lakást. Lehetséges lenne "
        "még ezen a héten egy megtekintést egyeztetni, lehetőleg délután?",
        "Mellékelten küldöm az aláírt iratokat. Kérem, jelezzék, ha valami hiányzik, vagy ha az "
        "eredetieket postán kell elküldenem.",
        "Hétfő óta rosszul működik a fűtés a lakásban. A hálószobai radiátorok hidegek, a kazán "
        "pedig hibakódot mutat. Árvíztűrő tükörfúrógép.",
        "Továbbra is érdekel minket a ház, de az ár kissé magasnak tűnik a környékhez képest. "
        "Nyitott a tulajdonos az alkudozásra?",
        "Köszönöm a gyors választ. A javasolt időpont nagyon megfelel, pontosan ott leszünk. "
        "Lent megtalálja a telefonszámomat, ha bármi változna.",
    ],
    "cs": [
        "Viděl jsem vaši nabídku na internetu a rád bych si byt prohlédl. Bylo by možné domluvit "
        "prohlídku ještě tento týden, nejlépe odpoledne?",
        "V příloze zasílám podepsané dokumenty. Dejte mi prosím vědět, jestli něco chybí, nebo "
        "jestli mám originály poslat poštou.",
        "Od pondělí v bytě špatně funguje topení. Radiátory v ložnici jsou studené a kotel "
        "ukazuje chybový kód. Příliš žluťoučký kůň úpěl ďábelské ódy.",
        "Stále máme o dům zájem, ale cena se nám zdá na tuto lokalitu trochu vysoká. Je majitel "
        "ochoten jednat o ceně?",
        "Děkuji za rychlou odpověď. Navržený termín nám vyhovuje, budeme tam včas. Níže je moje "
        "telefonní číslo pro případ změny.",
    ],
}
CLOSING = {
    "en": ["Best regards,", "Kind regards,", "Thanks,"],
    "pl": ["Pozdrawiam serdecznie,", "Z poważaniem,", "Łączę pozdrowienia,"],
    "ru": ["С уважением,", "Всего доброго,", "Спасибо,"],
    "hu": ["Üdvözlettel,", "Tisztelettel,", "Köszönettel,"],
    "cs": ["S pozdravem,", "S přátelským pozdravem,", "Děkuji,"],
}
ATTACHMENTS = [
    ("application/pdf", "pdf"),
    ("image/jpeg", "jpg"),
    ("application/zip", "zip"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
]
ATTACHMENT_NAMES = {
    "en": ["contract", "floor plan", "invoice", "photos", "id scan"],
    "pl": ["umowa przedwstępna", "rzut mieszkania", "faktura", "zdjęcia łazienki", "zaświadczenie"],
    "ru": ["договор", "план квартиры", "счёт", "фотографии", "паспорт"],
    "hu": ["adásvételi szerződés", "alaprajz", "számla", "fényképek", "tulajdoni lap"],
    "cs": ["kupní smlouva", "půdorys", "faktura", "fotografie koupelny", "výpis z katastru"],
}
ZONES = {
    "en": [0, 0, -5 * 60, 60],
    "pl": [60, 120],
    "ru": [180, 180, 300],
    "hu": [60, 120],
    "cs": [60, 120],
}
DOMAINS = {
    "en": ["example.co.uk", "example.com", "mail.example.net"],
    "pl": ["example.pl", "poczta.example.pl", "firma.example.com.pl"],
    "ru": ["example.ru", "mail.example.ru", "example.su"],
    "hu": ["example.hu", "freemail.example.hu"],
    "cs": ["example.cz", "seznam.example.cz"],
}

CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                     "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                     "yu", "ya"]))


# typography that ISO-8859-2 and KOI8-R lack: encode(charset, "bench")
FALLBACK = {"–": "-", "—": "-", "«": '"', "»": '"', "№": "N"}


def fallback(error):
    text = error.object[error.start:error.end]
    if not all(ch in FALLBACK for ch in text):
        raise error
    return "".join(FALLBACK[ch] for ch in text), error.end


codecs.register_error("bench", fallback)


def ascii_name(text):
    """A name as the ASCII of an e-mail address: kozlowska, smirnova."""
    out = []
    for ch in text.lower():
        if ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif ch == "ł":
            out.append("l")
        else:
            out.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode())
    return "".join(c for c in "".join(out) if c.isalnum())


Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def q_encode(data):
    return "".join("_" if b == 0x20 else chr(b) if b in Q_SAFE else "=%02X" % b for b in data)


def encoded_words(text, charset, method):
    """RFC 2047 encoded-words for TEXT, each at most 75 characters and
    never splitting a character, folded onto continuation lines."""
    prefix = "=?%s?%s?" % (charset, method)
    encode = (lambda b: base64.b64encode(b).decode()) if method == "B" else q_encode
    words, chunk = [], ""
    for ch in text:
        if chunk and len(prefix) + len(encode((chunk + ch).encode(charset, "bench"))) + 2 > 75:
            words.append(prefix + encode(chunk.encode(charset, "bench")) + "?=")
            chunk = ""
        chunk += ch
    if chunk:
        words.append(prefix + encode(chunk.encode(charset, "bench")) + "?=")
    return "\n ".join(words)


def header_text(text, charset, rng):
    """TEXT as it goes in Subject: itself when ASCII, else encoded-words."""
    if text.isascii():
        return fold(text)
    if charset == "us-ascii":
        charset = "utf-8"
    return encoded_words(text, charset, rng.choice("BQ"))


def fold(text, width=76):
    return "\n ".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def mailbox(name, address, charset, rng):
    if name.isascii():
        return '"%s" <%s>' % (name, address) if any(c in name for c in ',.;:"()<>@') else "%s <%s>" % (name, address)
    return "%s <%s>" % (header_text(name, charset, rng), address)


def rfc2231_filename(name, charset):
    if name.isascii():
        return 'filename="%s"' % name
    data = name.encode(charset, "bench")
    quoted = "".join(chr(b) if b < 0x80 and (chr(b).isalnum() or chr(b) in "-._") else "%%%02X" % b for b in data)
    return "filename*=%s''%s" % (charset, quoted)


class Generator:
    def __init__(self, seed, count):
        self.rng = random.Random(seed)
        self.seed = seed
        self.count = count
        self.locales = [(lang, charset) for lang, charset, _ in LOCALES]
        self.weights = [weight for _, _, weight in LOCALES]
        # a few hundred people who write again and again
        self.senders = []
        for _ in range(max(50, count // 20)):
            lang, charset = self.rng.choices(self.locales, self.weights)[0]
            first, last = self.rng.choice(FIRST[lang]), self.rng.choice(LAST[lang])
            address = "%s.%s%d@%s" % (ascii_name(first), ascii_name(last), self.rng.randrange(100),
                                      self.rng.choice(DOMAINS[lang]))
            self.senders.append((lang, charset, first, "%s %s" % (first, last), address))
        self.message_ids = []

    def fill(self, text, lang):
        rng = self.rng
        return text.format(day=rng.choice(DAYS[lang]), hour="%d:%02d" % (rng.randrange(8, 19), rng.choice((0, 15, 30, 45))),
                           street=rng.choice(STREETS[lang]), city=rng.choice(CITIES[lang]),
                           num="%d/%02d/%d" % (rng.randrange(1, 999), rng.randrange(1, 13), 2024))

    def body_text(self, lang, first, full_name):
        rng = self.rng
        lines = [rng.choice(GREETING[lang]).format(name=rng.choice(FIRST[lang])), ""]
        for paragraph in rng.sample(PARAGRAPHS[lang], rng.randint(1, 3)):
            lines += textwrap.wrap(self.fill(paragraph, lang), 72) + [""]
        lines += [rng.choice(CLOSING[lang]), full_name]
        if rng.random() < 0.6:
            lines += [rng.choice(COMPANIES[lang]), "tel. +%d %03d %03d %03d" % (
                rng.choice((48, 7, 36, 420, 44)), rng.randrange(1000), rng.randrange(1000), rng.randrange(1000))]
        if rng.random() < 0.2:
            # a quoted earlier message
            lines += ["", "> " + rng.choice(CLOSING[lang])] + ["> " + l for l in textwrap.wrap(rng.choice(PARAGRAPHS[lang]), 70)]
        return "\n".join(lines) + "\n"

    def text_part(self, lang, charset, first, full_name):
        """Content headers and body of the text: 8bit, quoted-printable or base64."""
        rng = self.rng
        data = self.body_text(lang, first, full_name).encode(charset, "bench")
        roll = rng.random()
        if data.isascii() and roll < 0.7:
            encoding, body = "7bit", data
        elif roll < 0.6:
            encoding, body = "8bit", data
        elif roll < 0.9 or charset != "utf-8":
            encoding, body = "quoted-printable", quopri.encodestring(data)
        else:
            encoding, body = "base64", base64.encodebytes(data)
        headers = ["Content-Type: text/plain; charset=%s%s" % (charset, "; format=flowed" if rng.random() < 0.2 else ""),
                   "Content-Transfer-Encoding: " + encoding]
        return headers, body

    def message(self, i, when):
        rng = self.rng
        lang, charset, first, full_name, address = rng.choice(self.senders)
        subject = self.fill(rng.choice(SUBJECTS[lang]), lang)
        message_id = "<%d.%08x.%d@bench.example.org>" % (i, rng.getrandbits(32), self.seed)
        zone = datetime.timezone(datetime.timedelta(minutes=rng.choice(ZONES[lang])))

        headers = []
        if rng.random() < 0.5:
            headers.append("Return-Path: <%s>" % address)
            headers.append("Received: from mx.%s (mx.%s [192.0.2.%d])\n\tby mail.example.com with ESMTPS id %08X\n\tfor <biuro@example.com>; %s"
                           % (address.split("@")[1], address.split("@")[1], rng.randrange(1, 255), rng.getrandbits(32),
                              format_datetime(when.astimezone(datetime.timezone.utc))))
        headers += [
            "From: " + mailbox(full_name, address, charset, rng),
            "To: " + mailbox("Biuro", "biuro@example.com", charset, rng),
            "Subject: " + header_text(subject if rng.random() < 0.85 or not self.message_ids else "Re: " + subject, charset, rng),
            "Date: " + format_datetime(when.astimezone(zone)),
            "Message-ID: " + message_id,
        ]
        if self.message_ids and rng.random() < 0.15:
            parent = rng.choice(self.message_ids[-200:])
            headers += ["In-Reply-To: " + parent, "References: " + parent]
        headers.append("MIME-Version: 1.0")
        if rng.random() < 0.3:
            headers.append("User-Agent: " + rng.choice(("Mozilla Thunderbird", "Microsoft Outlook 16.0", "Roundcube Webmail/1.6",
                                                        "K-9 Mail for Android", "Apple Mail (2.3731)")))
        self.message_ids.append(message_id)

        text_headers, text_body = self.text_part(lang, charset, first, full_name)
        attachment = rng.random() < 0.05
        if not attachment:
            head = "\n".join(headers + text_headers) + "\n\n"
            return head.encode("ascii") + text_body, False

        boundary = "----=_Part_%d_%08x" % (i, rng.getrandbits(32))
        mime_type, ext = rng.choice(ATTACHMENTS)
        name = "%s %d.%s" % (rng.choice(ATTACHMENT_NAMES[lang]), rng.randrange(1, 100), ext)
        name_charset = "utf-8" if charset == "us-ascii" else charset
        data = rng.randbytes(rng.randint(10 * 1024, 200 * 1024))
        if name.isascii() or rng.random() < 0.5:
            disposition = "attachment; " + rfc2231_filename(name, name_charset)
            type_name = ""
        else:
            # what Outlook sends: RFC 2047 in name= and filename=
            encoded = encoded_words(name, name_charset, "B").replace("\n ", "")
            disposition = 'attachment; filename="%s"' % encoded
            type_name = '; name="%s"' % encoded
        head = "\n".join(headers + ['Content-Type: multipart/mixed; boundary="%s"' % boundary]) + "\n\n"
        parts = [
            head.encode("ascii"),
            b"This is a multi-part message in MIME format.\n\n",
            ("--%s\n" % boundary).encode() + "\n".join(text_headers).encode() + b"\n\n" + text_body + b"\n",
            ("--%s\nContent-Type: %s%s\nContent-Transfer-Encoding: base64\nContent-Disposition: %s\n\n"
             % (boundary, mime_type, type_name, disposition)).encode("ascii"),
            base64.encodebytes(data),
            ("\n--%s--\n" % boundary).encode(),
        ]
        return b"".join(parts), True

    def write(self, maildir):
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)
        start = datetime.datetime(2024, 1, 1, 8, 0, tzinfo=datetime.timezone.utc)
        step = 365 * 86400 / self.count
        total = attachments = 0
        for i in range(self.count):
            when = start + datetime.timedelta(seconds=int(i * step + self.rng.random() * step))
            data, has_attachment = self.message(i, when)
            stamp = int(when.timestamp())
            name = "%d.M%dP%d.crm-bench,S=%d,W=%d:2," % (stamp, i, self.seed, len(data), len(data) + data.count(b"\n"))
            path = os.path.join(maildir, "cur", name)
            with open(path, "wb") as f:
                f.write(data)
            os.utime(path, (stamp, stamp))
            total += len(data)
            attachments += has_attachment
        return total, attachments


def main():
    parser = argparse.ArgumentParser(description="Write synthetic unread mail into a Maildir.")
    parser.add_argument("--messages", type=int, default=20000, metavar="N")
    parser.add_argument("--seed", type=int, default=5322)
    parser.add_argument("maildir")
    args = parser.parse_args()
    if args.messages < 1:
        parser.error("--messages must be at least 1")
    total, attachments = Generator(args.seed, args.messages).write(args.maildir)
    print(args.messages, total, attachments)


if __name__ == "__main__":
    sys.exit(main())
