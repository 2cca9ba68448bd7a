/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include <string.h>

#include "crm-catalogue.h"
#include "crm-language.h"

/*
 * A broker's client may read the referral form in Polish, English,
 * Russian or Hungarian; the server answers each request in the language
 * its browser asks for, while the process (a desktop in Polish, crmctl
 * in the C locale) keeps its own. The translations are the
 * application's own catalogues, the crm.mo files of the directory the
 * domain is bound to (LOCALEDIR; `crmctl serve --locale-dir` for a
 * build tree), read once per language by base/crm-language.c without
 * touching the process locale, so both readers stay one.
 */

/* Accept-Language is the browser's; a hostile one is cut short */
#define MAX_HEADER 1024
#define MAX_RANGES 32

/* the languages a form page is written in, the default first */
static const char * const page_languages[] = { "pl", "en", "ru", "hu", NULL };

static const char *
known_language (const char *range,
                gsize       length)
{
  gsize primary = 0;

  while (primary < length && range[primary] != '-' && range[primary] != '_')
    primary++;
  if (primary == 1 && range[0] == '*')
    return CRM_CATALOGUE_DEFAULT_LANGUAGE;
  for (guint i = 0; page_languages[i] != NULL; i++)
    if (strlen (page_languages[i]) == primary && g_ascii_strncasecmp (range, page_languages[i], primary) == 0)
      return page_languages[i];

  return NULL;
}

/* q=0.8, as RFC 9110 §12.4.2 writes it: a missing or broken weight is 1 */
static double
parse_weight (const char *params,
              gsize       length)
{
  g_autofree char *copy = g_strndup (params, length);
  g_auto(GStrv) parts = g_strsplit (copy, ";", 8);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      char *end = NULL;
      double q;

      if (part[0] != 'q' && part[0] != 'Q')
        continue;
      part++;
      while (*part == ' ')
        part++;
      if (*part++ != '=')
        continue;
      q = g_ascii_strtod (part, &end);
      if (end == part || q < 0 || q > 1)
        return 1;
      return q;
    }

  return 1;
}

/**
 * crm_catalogue_negotiate:
 * @accept_language: (nullable): a request's Accept-Language header
 *
 * Chooses the language of a form page: the one of "pl", "en", "ru",
 * "hu" the browser weighs highest (q-values; the first listed among
 * equals), Polish when it asks for none of them.
 *
 * Returns: (transfer none): the language's code
 */
const char *
crm_catalogue_negotiate (const char *accept_language)
{
  const char *best = CRM_CATALOGUE_DEFAULT_LANGUAGE;
  double best_weight = 0;
  const char *p;
  const char *end;
  guint ranges = 0;

  if (accept_language == NULL)
    return best;

  end = accept_language + strnlen (accept_language, MAX_HEADER);
  for (p = accept_language; p < end && ranges < MAX_RANGES; ranges++)
    {
      const char *comma = memchr (p, ',', end - p);
      const char *item_end = comma != NULL ? comma : end;
      const char *semicolon;
      const char *range;
      gsize range_length;
      const char *language;
      double weight;

      while (p < item_end && g_ascii_isspace (*p))
        p++;
      range = p;
      semicolon = memchr (range, ';', item_end - range);
      range_length = (semicolon != NULL ? semicolon : item_end) - range;
      while (range_length > 0 && g_ascii_isspace (range[range_length - 1]))
        range_length--;
      weight = semicolon != NULL ? parse_weight (semicolon + 1, item_end - semicolon - 1) : 1;
      language = range_length > 0 ? known_language (range, range_length) : NULL;
      if (language != NULL && weight > best_weight)
        {
          best = language;
          best_weight = weight;
        }
      p = comma != NULL ? comma + 1 : end;
    }

  return best;
}

/**
 * crm_catalogue_gettext:
 * @language: a code crm_catalogue_negotiate() gave
 * @msgid: an English text marked with N_()
 *
 * Returns: (transfer none): @msgid in @language, or @msgid itself
 *   where it has no translation
 */
const char *
crm_catalogue_gettext (const char *language,
                       const char *msgid)
{
  g_return_val_if_fail (language != NULL, msgid);
  g_return_val_if_fail (msgid != NULL, NULL);

  return crm_language_gettext (language, msgid);
}

/**
 * crm_catalogue_pgettext:
 * @language: a code crm_catalogue_negotiate() gave
 * @context: the context, as NC_() marked it
 * @msgid: the English text
 *
 * Returns: (transfer none): @msgid in @context, in @language
 */
const char *
crm_catalogue_pgettext (const char *language,
                        const char *context,
                        const char *msgid)
{
  g_return_val_if_fail (language != NULL, msgid);
  g_return_val_if_fail (context != NULL, msgid);
  g_return_val_if_fail (msgid != NULL, NULL);

  return crm_language_pgettext (language, context, msgid);
}
