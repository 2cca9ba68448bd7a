/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"

/* Received mail as it comes: encoded words in several charsets, legacy
 * charsets in bodies, HTML only, attachments with encoded names, no
 * Message-ID, broken MIME, automatic replies. */

static CrmParsedMessage *
parse (const char *text)
{
  g_autoptr(GBytes) raw = g_bytes_new (text, strlen (text));

  return crm_parsed_message_new (raw);
}

static void
test_charsets (void)
{
  /* ISO-8859-2 quoted-printable word, KOI8-R base64 word, ISO-8859-1 name */
  g_autoptr(CrmParsedMessage) message = parse (
    "From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <jorg@example.de>\r\n"
    "To: biuro@example.com, Anna <anna@example.com>\r\n"
    "Cc: jan@example.com\r\n"
    "Subject: =?ISO-8859-2?Q?Zapytanie_o_mieszkanie_w_=A3odzi?= =?KOI8-R?B?8NLJ18XU?=\r\n"
    "Date: Fri, 01 May 2026 11:00:00 +0200\r\n"
    "Message-ID: <abc@example.de>\r\n"
    "In-Reply-To: <crm.1@example.com>\r\n"
    "References: <first@example.de> <crm.1@example.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=windows-1250\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Dzie=F1 dobry, prosz=EA o ofert=EA. =A3=F3d=9F.\r\n");

  /* white space between two encoded words is not part of the text (RFC 2047) */
  g_assert_cmpstr (message->subject, ==, "Zapytanie o mieszkanie w ŁodziПривет");
  g_assert_cmpstr (message->from_name, ==, "Jörg Müller");
  g_assert_cmpstr (message->from_address, ==, "jorg@example.de");
  g_assert_cmpuint (g_strv_length (message->to), ==, 2);
  g_assert_cmpstr (message->to[1], ==, "anna@example.com");
  g_assert_cmpstr (message->cc[0], ==, "jan@example.com");
  g_assert_cmpint (message->date, ==, 1777626000);
  g_assert_cmpstr (message->message_id, ==, "abc@example.de");
  g_assert_false (message->synthetic_id);
  g_assert_cmpstr (message->in_reply_to, ==, "crm.1@example.com");
  g_assert_cmpuint (g_strv_length (message->references), ==, 2);
  g_assert_cmpstr (message->text, ==, "Dzień dobry, proszę o ofertę. Łódź.\r\n");
  g_assert_false (message->auto_reply);
}

static void
test_alternative_and_html (void)
{
  g_autoptr(CrmParsedMessage) both = parse (
    "From: a@example.com\r\nSubject: Both\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
    "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML version</p>\r\n"
    "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain version\r\n"
    "--b1--\r\n");
  g_autoptr(CrmParsedMessage) html = parse (
    "From: a@example.com\r\nSubject: HTML\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n\r\n"
    "<html><head><title>T</title><style>p{color:red}</style></head><body>"
    "<script>alert('x')</script><p>Cena:&nbsp;500&nbsp;000&nbsp;zł &amp; VAT</p>"
    "<img src=\"http://tracker.example/pixel.gif\"><div>Druga&#32;linia &#x141;ódź</div>"
    "<SCRIPT type=\"text/javascript\">steal()</SCRIPT></body></html>\r\n");

  /* the line break before a boundary belongs to the boundary (RFC 2046) */
  g_assert_cmpstr (both->text, ==, "Plain version");
  g_assert_cmpstr (html->text, ==, "Cena:\xc2\xa0" "500\xc2\xa0" "000\xc2\xa0zł & VAT\nDruga linia Łódź");
  g_assert_null (strstr (html->text, "alert"));
  g_assert_null (strstr (html->text, "steal"));
  g_assert_null (strstr (html->text, "tracker"));
  g_assert_null (strstr (html->text, "color"));
}

static void
test_attachments (void)
{
  g_autoptr(CrmParsedMessage) message = parse (
    "From: a@example.com\r\nSubject: Plan\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
    "--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
    "--m\r\nContent-Type: application/pdf\r\n"
    "Content-Disposition: attachment; filename*=UTF-8''Rzut%20mieszkania%20%C5%81%C3%B3d%C5%BA.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
    "--m\r\nContent-Type: image/png; name=\"=?utf-8?Q?zdj=C4=99cie.png?=\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
    "--m--\r\n");
  CrmParsedAttachment *pdf;
  CrmParsedAttachment *png;

  g_assert_cmpstr (message->text, ==, "See attached.");
  g_assert_cmpuint (message->attachments->len, ==, 2);
  pdf = g_ptr_array_index (message->attachments, 0);
  png = g_ptr_array_index (message->attachments, 1);
  g_assert_cmpstr (pdf->name, ==, "Rzut mieszkania Łódź.pdf");
  g_assert_cmpstr (pdf->mime_type, ==, "application/pdf");
  g_assert_cmpmem (g_bytes_get_data (pdf->data, NULL), g_bytes_get_size (pdf->data), "%PDF-1.4\n", 9);
  g_assert_cmpstr (png->name, ==, "zdjęcie.png");
  g_assert_cmpuint (g_bytes_get_size (png->data), ==, 8);
}

static void
test_no_message_id (void)
{
  const char *text = "From: a@example.com\r\nSubject: No id\r\n\r\nBody\r\n";
  g_autoptr(CrmParsedMessage) first = parse (text);
  g_autoptr(CrmParsedMessage) again = parse (text);
  g_autoptr(CrmParsedMessage) other = parse ("From: a@example.com\r\nSubject: No id\r\n\r\nOther body\r\n");

  g_assert_true (first->synthetic_id);
  g_assert_true (g_str_has_suffix (first->message_id, "@synthetic.crm.invalid"));
  /* the same bytes, the same id; other bytes, another id */
  g_assert_cmpstr (first->message_id, ==, again->message_id);
  g_assert_cmpstr (first->message_id, !=, other->message_id);
  g_assert_cmpstr (first->hash, ==, again->hash);
}

static void
test_broken (void)
{
  static const char *broken[] = {
    "",
    "\r\n\r\n",
    "garbage without any header at all \x01\x02\xff\xfe",
    "From: a@example.com\r\nSubject: Unfinished\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n"
    "--x\r\nContent-Type: text/plain\r\n\r\nstarts but never ends",
    "From: a@example.com\r\nSubject: =?utf-8?B?broken base64?=\r\nContent-Type: text/plain; charset=no-such-charset\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n",
    "Subject: \xff\xfe invalid bytes\r\n\r\n\xc3\x28 invalid UTF-8\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(CrmParsedMessage) message = parse (broken[i]);

      g_assert_nonnull (message);
      g_assert_nonnull (message->message_id);
      g_assert_nonnull (message->subject);
      g_assert_true (g_utf8_validate (message->text, -1, NULL));
    }

  {
    g_autoptr(CrmParsedMessage) unfinished = parse (broken[3]);

    g_assert_cmpstr (unfinished->subject, ==, "Unfinished");
    g_assert_nonnull (strstr (unfinished->text, "starts but never ends"));
  }
}

static void
test_automatic (void)
{
  static const struct { const char *raw; CrmMailKind kind; } automatic[] = {
    { "From: a@example.com\r\nAuto-Submitted: auto-replied (vacation)\r\nSubject: Away\r\n\r\nAway.\r\n",
      CRM_MAIL_KIND_AUTO_REPLY },
    { "From: a@example.com\r\nX-Autoreply: yes\r\nSubject: Away\r\n\r\nAway.\r\n", CRM_MAIL_KIND_AUTO_REPLY },
    { "From: a@example.com\r\nX-Autorespond: yes\r\nSubject: Away\r\n\r\nAway.\r\n", CRM_MAIL_KIND_AUTO_REPLY },
    { "From: a@example.com\r\nSubject: Automatic reply: Mieszkanie\r\n\r\nAway.\r\n", CRM_MAIL_KIND_AUTO_REPLY },
    { "From: MAILER-DAEMON@mx.example.com\r\nSubject: Undelivered\r\n\r\nSorry.\r\n",
      CRM_MAIL_KIND_DELIVERY_REPORT },
    { "From: postmaster@example.com\r\nSubject: Report\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
      "--r\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n--r--\r\n", CRM_MAIL_KIND_DELIVERY_REPORT },
  };
  /* list and bulk mail opens tickets: it is only never answered by a robot */
  static const char *bulk[] = {
    "From: a@example.com\r\nPrecedence: bulk\r\nSubject: News\r\n\r\nNews.\r\n",
    "From: a@example.com\r\nPrecedence: list\r\nSubject: Re: patch\r\n\r\nLooks good.\r\n",
    "From: a@example.com\r\nList-Id: Devel <devel.lists.example.org>\r\nSubject: Re: patch\r\n\r\nOK.\r\n",
  };
  g_autoptr(CrmParsedMessage) human = parse ("From: a@example.com\r\nAuto-Submitted: no\r\nSubject: Hi\r\n\r\nHi.\r\n");

  for (guint i = 0; i < G_N_ELEMENTS (automatic); i++)
    {
      g_autoptr(CrmParsedMessage) message = parse (automatic[i].raw);

      g_assert_true (message->auto_reply);
      g_assert_cmpint (message->kind, ==, automatic[i].kind);
      g_assert_nonnull (message->automatic_sign);
      g_assert_false (message->bulk);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bulk); i++)
    {
      g_autoptr(CrmParsedMessage) message = parse (bulk[i]);

      g_assert_false (message->auto_reply);
      g_assert_cmpint (message->kind, ==, CRM_MAIL_KIND_ORDINARY);
      g_assert_true (message->bulk);
    }
  g_assert_false (human->auto_reply);
  g_assert_false (human->bulk);
}

/* A bounce names the mail it reports on and who it did not reach. */
static void
test_delivery_report (void)
{
  g_autoptr(CrmParsedMessage) dsn =
    parse ("From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\nTo: biuro@example.com\r\n"
           "Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
           "--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you.\r\n"
           "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
           "Final-Recipient: rfc822; nobody@example.net\r\nOriginal-Recipient: rfc822;nobody@example.net\r\n"
           "Action: failed\r\nStatus: 5.1.1\r\n"
           "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>:\r\n    Recipient address rejected\r\n\r\n"
           "Final-Recipient: rfc822; slow@example.net\r\nAction: delayed\r\nStatus: 4.4.1\r\n\r\n"
           "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: biuro@example.com\r\n"
           "Message-ID: <orig@crm.example.com>\r\nSubject: Oferta\r\n\r\n--B--\r\n");
  g_autoptr(CrmParsedMessage) whole =
    parse ("From: postmaster@example.org\r\nSubject: Delivery Status Notification (Failure)\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"C\"\r\n\r\n"
           "--C\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; <x@example.net>\r\n"
           "Action: failed\r\nStatus: 5.0.0\r\n\r\n"
           "--C\r\nContent-Type: message/rfc822\r\n\r\nFrom: biuro@example.com\r\nTo: x@example.net\r\n"
           "Message-ID: <whole@crm.example.com>\r\nSubject: Hi\r\n\r\nHello.\r\n--C--\r\n");
  g_autoptr(CrmParsedMessage) old_style =
    parse ("From: MAILER-DAEMON@example.org\r\nSubject: failure notice\r\n\r\nSorry, no mailbox here.\r\n\r\n"
           "--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <quoted@crm.example.com>\r\n"
           "Subject: x\r\n\r\ntext\r\n");
  g_autoptr(CrmParsedMessage) forward =
    parse ("From: anna@example.com\r\nSubject: Fwd: Hi\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"F\"\r\n\r\n--F\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n"
           "--F\r\nContent-Type: message/rfc822\r\n\r\nMessage-ID: <inner@example.com>\r\nSubject: Hi\r\n\r\nHi.\r\n"
           "--F--\r\n");
  CrmParsedRecipient *failed;
  CrmParsedRecipient *delayed;

  g_assert_cmpint (dsn->kind, ==, CRM_MAIL_KIND_DELIVERY_REPORT);
  g_assert_cmpuint (g_strv_length (dsn->reported), ==, 1);
  g_assert_cmpstr (dsn->reported[0], ==, "orig@crm.example.com");
  g_assert_cmpuint (dsn->recipients->len, ==, 2);
  failed = g_ptr_array_index (dsn->recipients, 0);
  g_assert_cmpstr (failed->address, ==, "nobody@example.net");
  g_assert_cmpstr (failed->action, ==, "failed");
  g_assert_cmpstr (failed->diagnostic, ==, "550 5.1.1 <nobody@example.net>: Recipient address rejected");
  delayed = g_ptr_array_index (dsn->recipients, 1);
  g_assert_cmpstr (delayed->address, ==, "slow@example.net");
  g_assert_cmpstr (delayed->action, ==, "delayed");
  g_assert_cmpstr (delayed->diagnostic, ==, "4.4.1");

  g_assert_cmpint (whole->kind, ==, CRM_MAIL_KIND_DELIVERY_REPORT);
  g_assert_cmpstr (whole->reported[0], ==, "whole@crm.example.com");
  g_assert_cmpstr (((CrmParsedRecipient *) g_ptr_array_index (whole->recipients, 0))->address, ==, "x@example.net");

  g_assert_cmpint (old_style->kind, ==, CRM_MAIL_KIND_DELIVERY_REPORT);
  g_assert_cmpstr (old_style->reported[0], ==, "quoted@crm.example.com");

  /* a forwarded mail is no report: what it carries threads nothing */
  g_assert_cmpint (forward->kind, ==, CRM_MAIL_KIND_ORDINARY);
  g_assert_cmpuint (g_strv_length (forward->reported), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/charsets", test_charsets);
  g_test_add_func ("/parse/alternative-and-html", test_alternative_and_html);
  g_test_add_func ("/parse/attachments", test_attachments);
  g_test_add_func ("/parse/no-message-id", test_no_message_id);
  g_test_add_func ("/parse/broken", test_broken);
  g_test_add_func ("/parse/automatic", test_automatic);
  g_test_add_func ("/parse/delivery-report", test_delivery_report);

  return g_test_run ();
}
