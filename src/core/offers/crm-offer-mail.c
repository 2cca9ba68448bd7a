/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-language.h"
#include "crm-offers-private.h"

/**
 * CrmOfferMail:
 *
 * A mail with offers to one client (OF7, OF8): prepared for the agent
 * (state "pending", in the "Emails to send" box, where new offers for
 * the same client join it), or gone to the outbox ("queued", then
 * "sent", "failed" or "cancelled" with its outbox row). Its matches
 * (#CrmMatch) are the offers it presents, each with the search it was
 * found for. A snapshot, read from the store.
 */
struct _CrmOfferMail
{
  GObject     parent_instance;

  gint64      id;
  gint64      client_id;
  char       *client_name;
  char       *client_email;
  gint64      agent_id;
  char       *agent_name;
  char       *sender_name;
  char       *kind;
  char       *state;
  gint64      outbox_id;
  gint64      created;
  gint64      sent;
  GListModel *matches;
};

G_DEFINE_FINAL_TYPE (CrmOfferMail, crm_offer_mail, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_CLIENT_NAME,
  PROP_CLIENT_EMAIL,
  PROP_AGENT_ID,
  PROP_AGENT_NAME,
  PROP_SENDER_NAME,
  PROP_KIND,
  PROP_STATE,
  PROP_OUTBOX_ID,
  PROP_CREATED,
  PROP_SENT,
  PROP_MATCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_offer_mail_finalize (GObject *object)
{
  CrmOfferMail *self = (CrmOfferMail *)object;

  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->client_email, g_free);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->sender_name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_object (&self->matches);

  G_OBJECT_CLASS (crm_offer_mail_parent_class)->finalize (object);
}

static void
crm_offer_mail_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmOfferMail *self = CRM_OFFER_MAIL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_CLIENT_EMAIL:
      g_value_set_string (value, self->client_email);
      break;
    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;
    case PROP_AGENT_NAME:
      g_value_set_string (value, self->agent_name);
      break;
    case PROP_SENDER_NAME:
      g_value_set_string (value, self->sender_name);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_OUTBOX_ID:
      g_value_set_int64 (value, self->outbox_id);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_SENT:
      g_value_set_int64 (value, self->sent);
      break;
    case PROP_MATCHES:
      g_value_set_object (value, self->matches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_offer_mail_class_init (CrmOfferMailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_offer_mail_finalize;
  object_class->get_property = crm_offer_mail_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CLIENT_ID] = g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CLIENT_NAME] = g_param_spec_string ("client-name", NULL, NULL, NULL, ro);
  properties[PROP_CLIENT_EMAIL] = g_param_spec_string ("client-email", NULL, NULL, NULL, ro);
  properties[PROP_AGENT_ID] = g_param_spec_int64 ("agent-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_AGENT_NAME] = g_param_spec_string ("agent-name", NULL, NULL, NULL, ro);
  /**
   * CrmOfferMail:sender-name:
   *
   * Who sent the mail by hand (a prepared mail may be sent by a manager
   * rather than its agent); %NULL for automatic mail and while pending.
   */
  properties[PROP_SENDER_NAME] = g_param_spec_string ("sender-name", NULL, NULL, NULL, ro);
  /**
   * CrmOfferMail:kind:
   *
   * "prepared" (for the agent), "automatic" (to the client at once) or
   * "manual" (offers the agent picked).
   */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, ro);
  /**
   * CrmOfferMail:state:
   *
   * "pending", "queued", "sent", "failed" or "cancelled".
   */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_OUTBOX_ID] = g_param_spec_int64 ("outbox-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SENT] = g_param_spec_int64 ("sent", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * CrmOfferMail:matches:
   *
   * The offers of the mail, each with its search (#CrmMatch).
   */
  properties[PROP_MATCHES] = g_param_spec_object ("matches", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_offer_mail_init (CrmOfferMail *self)
{
}

CrmOfferMail *
_crm_offer_mail_new (gint64      id,
                     gint64      client_id,
                     const char *client_name,
                     const char *client_email,
                     gint64      agent_id,
                     const char *agent_name,
                     const char *kind,
                     const char *state,
                     gint64      outbox_id,
                     gint64      created,
                     gint64      sent,
                     GListModel *matches)
{
  CrmOfferMail *self = g_object_new (CRM_TYPE_OFFER_MAIL, NULL);

  self->id = id;
  self->client_id = client_id;
  self->client_name = g_strdup (client_name);
  self->client_email = g_strdup (client_email);
  self->agent_id = agent_id;
  self->agent_name = g_strdup (agent_name);
  self->kind = g_strdup (kind);
  self->state = g_strdup (state);
  self->outbox_id = outbox_id;
  self->created = created;
  self->sent = sent;
  self->matches = g_object_ref (matches);

  return self;
}

#define GETTER(type, name, fallback) \
  type \
  crm_offer_mail_get_##name (CrmOfferMail *self) \
  { \
    g_return_val_if_fail (CRM_IS_OFFER_MAIL (self), fallback); \
    return self->name; \
  }

GETTER (gint64, id, 0)
GETTER (gint64, client_id, 0)
GETTER (const char *, client_name, NULL)
GETTER (const char *, client_email, NULL)
GETTER (gint64, agent_id, 0)
GETTER (const char *, agent_name, NULL)
GETTER (const char *, sender_name, NULL)
GETTER (const char *, kind, NULL)
GETTER (const char *, state, NULL)
GETTER (gint64, outbox_id, 0)
GETTER (gint64, created, 0)
GETTER (gint64, sent, 0)

#undef GETTER

void
_crm_offer_mail_set_sender_name (CrmOfferMail *self,
                                 const char   *name)
{
  g_return_if_fail (CRM_IS_OFFER_MAIL (self));

  g_free (self->sender_name);
  self->sender_name = g_strdup (g_strcmp0 (self->state, "pending") != 0 ? name : NULL);
}

/**
 * crm_offer_mail_get_matches:
 * @self: a #CrmOfferMail
 *
 * Returns: (transfer none): the #CrmMatch of each offer and search
 */
GListModel *
crm_offer_mail_get_matches (CrmOfferMail *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_MAIL (self), NULL);

  return self->matches;
}

/* Composing the mail */

static char *
price_text (const char *language,
            CrmOffer   *offer,
            const char *currency)
{
  g_autofree char *price = _crm_format_price (crm_offer_get_price (offer));

  if (currency == NULL || *currency == '\0')
    return g_steal_pointer (&price);

  /* Translators: a price and its currency, as "650 000 PLN" */
  return g_strdup_printf (crm_language_gettext (language, "%s %s"), price, currency);
}

/* The offer's title and size, as crm_offer_dup_title() and
 * _crm_offer_dup_size() word them, in the client's language. */
static char *
title_text (const char *language,
            CrmOffer   *offer)
{
  const char *type;

  switch ((int) crm_offer_get_property_type (offer))
    {
    case CRM_PROPERTY_HOUSE:
      type = crm_language_gettext (language, "House");
      break;
    case CRM_PROPERTY_PLOT:
      type = crm_language_gettext (language, "Plot");
      break;
    case CRM_PROPERTY_COMMERCIAL:
      type = crm_language_gettext (language, "Commercial premises");
      break;
    case CRM_PROPERTY_FLAT:
    default:
      type = crm_language_gettext (language, "Flat");
      break;
    }

  if (crm_offer_get_deal (offer) == CRM_DEAL_RENT)
    /* Translators: an offer's title; %s is a property type such as "Flat" */
    return g_strdup_printf (crm_language_gettext (language, "%s for rent"), type);

  /* Translators: an offer's title; %s is a property type such as "Flat" */
  return g_strdup_printf (crm_language_gettext (language, "%s for sale"), type);
}

static char *
size_text (const char *language,
           CrmOffer   *offer)
{
  g_autoptr(GString) size = g_string_new (NULL);
  g_autofree char *area = _crm_format_area (crm_offer_get_area (offer));
  int rooms = crm_offer_get_rooms (offer);
  int floor = crm_offer_get_floor (offer);

  /* Translators: an area in square metres */
  g_string_append_printf (size, crm_language_gettext (language, "%s m²"), area);
  if (rooms != CRM_OFFER_ANY)
    {
      g_string_append (size, ", ");
      g_string_append_printf (size, crm_language_ngettext (language, "%d room", "%d rooms", rooms), rooms);
    }
  if (floor != CRM_OFFER_ANY_FLOOR)
    {
      g_string_append (size, ", ");
      if (floor == 0)
        g_string_append (size, crm_language_gettext (language, "ground floor"));
      else
        g_string_append_printf (size, crm_language_gettext (language, "floor %d"), floor);
    }

  return g_string_free (g_steal_pointer (&size), FALSE);
}

/* Fills in a template's placeholders for the offer mail; {offers}
 * stays, to be replaced by the summaries. */
static char *
expand_offer_template (const char *template_text,
                       const char *client_name,
                       const char *agent_name,
                       guint       n_offers)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first_name = g_strndup (client_name ? client_name : "", strcspn (client_name ? client_name : "",
                                                                                     " @"));
  g_autofree char *count = g_strdup_printf ("%u", n_offers);

  for (const char *p = template_text; *p; )
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      g_autofree char *name = close ? g_strndup (p + 1, close - p - 1) : NULL;
      const char *value = NULL;

      if (name != NULL && g_str_equal (name, "client_name"))
        value = client_name;
      else if (name != NULL && g_str_equal (name, "client_first_name"))
        value = first_name;
      else if (name != NULL && g_str_equal (name, "agent_name"))
        value = agent_name;
      else if (name != NULL && g_str_equal (name, "offer_count"))
        value = count;
      else
        {
          g_string_append_c (out, *p);
          p++;
          continue;
        }

      g_string_append (out, value ? value : "");
      p = close + 1;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Plain text as HTML paragraphs: escaped, blank lines between
 * paragraphs, line breaks kept. */
static void
append_html_text (GString    *rich,
                  const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *joined = NULL;

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      escaped = g_markup_escape_text (paragraphs[i], -1);
      lines = g_strsplit (escaped, "\n", -1);
      joined = g_strjoinv ("<br>\n", lines);
      g_string_append_printf (rich, "<p>%s</p>\n", joined);
    }
}

/**
 * _crm_offer_mail_compose:
 * @offers: (element-type CrmOffer): the offers, in their order
 * @client_name: whom the mail greets
 * @agent_name: (nullable): who signs it
 * @currency: (nullable): after each price
 * @template_text: (nullable): the office's text for offer mails (FD3),
 *   with placeholders and {offers} where the offers go; %NULL for the
 *   built-in text
 * @language: (nullable): the client's language ("pl", "ru", "hu",
 *   "en"); %NULL for the user's
 * @subject: (out): the subject
 * @text: (out): the plain text
 * @html: (out): the same as HTML
 *
 * The offer mail: a greeting, then each offer summed up (type and
 * transaction, place, area, rooms and floor, price, number), then a
 * line to reply, all in the client's language; or the office's
 * template around the offers.
 */
void
_crm_offer_mail_compose (GPtrArray   *offers,
                         const char  *client_name,
                         const char  *agent_name,
                         const char  *currency,
                         const char  *template_text,
                         const char  *language,
                         char       **subject,
                         char       **text,
                         char       **html)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) rich = g_string_new (NULL);
  g_autoptr(GString) list_plain = g_string_new (NULL);
  g_autoptr(GString) list_rich = g_string_new (NULL);
  guint n = offers->len;

  /* Translators: the subject of a mail with property offers */
  *subject = g_strdup_printf (crm_language_ngettext (language, "%u new property offer for you",
                                                     "%u new property offers for you", n),
                              n);

  g_string_append (list_rich, "<table cellpadding=\"8\" style=\"border-collapse: collapse;\">\n");
  for (guint i = 0; i < n; i++)
    {
      CrmOffer *offer = g_ptr_array_index (offers, i);
      g_autofree char *title = title_text (language, offer);
      g_autofree char *location = crm_offer_dup_location (offer);
      g_autofree char *size = size_text (language, offer);
      g_autofree char *price = price_text (language, offer, currency);
      /* Translators: the number of an offer in a mail */
      g_autofree char *number = g_strdup_printf (crm_language_gettext (language, "Offer no. %lld"),
                                                 (long long) crm_offer_get_id (offer));
      g_autofree char *title_html = g_markup_escape_text (title, -1);
      g_autofree char *location_html = g_markup_escape_text (location, -1);
      g_autofree char *size_html = g_markup_escape_text (size, -1);
      g_autofree char *price_html = g_markup_escape_text (price, -1);
      g_autofree char *number_html = g_markup_escape_text (number, -1);

      g_string_append_printf (list_plain, "%u. %s (%s)\n   %s\n   %s\n   %s\n\n", i + 1, title, number, location,
                              size, price);
      g_string_append_printf (list_rich,
                              "<tr style=\"border-top: 1px solid #ccc;\"><td><strong>%s</strong><br>%s<br>%s</td>"
                              "<td style=\"text-align: right;\"><strong>%s</strong><br><small>%s</small></td></tr>\n",
                              title_html, location_html, size_html, price_html, number_html);
    }
  g_string_append (list_rich, "</table>\n");

  g_string_append (rich, "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif;\">\n");

  if (template_text != NULL && *template_text != '\0')
    {
      g_autofree char *expanded = expand_offer_template (template_text, client_name, agent_name, n);
      const char *mark = strstr (expanded, "{offers}");
      g_autofree char *before = mark ? g_strndup (expanded, mark - expanded) : g_strdup (expanded);
      const char *after = mark ? mark + strlen ("{offers}") : "";

      g_strchomp (before);
      g_string_append_printf (plain, "%s\n\n%s%s", before, list_plain->str, after + strspn (after, "\n"));
      if (plain->len == 0 || plain->str[plain->len - 1] != '\n')
        g_string_append_c (plain, '\n');
      append_html_text (rich, before);
      g_string_append (rich, list_rich->str);
      append_html_text (rich, after);
      g_string_append (rich, "</body></html>\n");
    }
  else
    {
      g_autofree char *greeting = NULL;
      g_autofree char *greeting_html = NULL;
      g_autofree char *name_html = g_markup_escape_text (client_name ? client_name : "", -1);
      g_autofree char *intro_html = NULL;
      g_autofree char *closing_html = NULL;
      g_autofree char *regards_html = NULL;
      const char *intro;
      const char *closing;
      const char *regards;

      /* Translators: the greeting of a mail with offers; %s is the client's name */
      greeting = g_strdup_printf (crm_language_gettext (language, "Hello %s,"), client_name ? client_name : "");
      greeting_html = g_strdup_printf (crm_language_gettext (language, "Hello %s,"), name_html);
      intro = crm_language_ngettext (language, "we have found an offer that matches what you are looking for:",
                                     "we have found offers that match what you are looking for:", n);
      closing = crm_language_gettext (language, "Reply to this mail to ask about an offer or to arrange a viewing.");
      /* Translators: before the agent's name at the end of a mail */
      regards = crm_language_gettext (language, "Kind regards,");
      intro_html = g_markup_escape_text (intro, -1);
      closing_html = g_markup_escape_text (closing, -1);
      regards_html = g_markup_escape_text (regards, -1);

      g_string_append_printf (plain, "%s\n\n%s\n\n%s", greeting, intro, list_plain->str);
      g_string_append_printf (rich, "<p>%s</p>\n<p>%s</p>\n%s", greeting_html, intro_html, list_rich->str);
      g_string_append_printf (plain, "%s\n\n%s\n", closing, regards);
      g_string_append_printf (rich, "<p>%s</p>\n<p>%s", closing_html, regards_html);
      if (agent_name != NULL && *agent_name != '\0')
        {
          g_autofree char *agent_html = g_markup_escape_text (agent_name, -1);

          g_string_append_printf (plain, "%s\n", agent_name);
          g_string_append_printf (rich, "<br>%s", agent_html);
        }
      g_string_append (rich, "</p>\n</body></html>\n");
    }

  *text = g_string_free (g_steal_pointer (&plain), FALSE);
  *html = g_string_free (g_steal_pointer (&rich), FALSE);
}
