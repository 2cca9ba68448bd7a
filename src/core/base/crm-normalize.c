/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"

/*
 * Addresses and phone numbers are stored twice: as entered, for
 * display, and normalised, for lookup. An address is normalised by
 * lower-casing it; a phone number to E.164 (+48601234567) when the
 * country is known, either from a leading + or 00, or from the
 * office's default country.
 */

typedef struct
{
  const char *iso;
  const char *calling_code;
  const char *trunk_prefix;
  const char *name;
} PhoneCountry;

static const PhoneCountry phone_countries[] = {
  { "PL", "48", NULL, N_("Poland") },
  { "HU", "36", "06", N_("Hungary") },
  { "RU", "7", "8", N_("Russia") },
  { "CZ", "420", NULL, N_("Czechia") },
  { "SK", "421", "0", N_("Slovakia") },
  { "DE", "49", "0", N_("Germany") },
  { "AT", "43", "0", N_("Austria") },
  { "UA", "380", "0", N_("Ukraine") },
  { "LT", "370", "8", N_("Lithuania") },
  { "GB", "44", "0", N_("United Kingdom") },
  { "IE", "353", "0", N_("Ireland") },
  { "FR", "33", "0", N_("France") },
  { "NL", "31", "0", N_("Netherlands") },
  { "BE", "32", "0", N_("Belgium") },
  { "IT", "39", NULL, N_("Italy") },
  { "ES", "34", NULL, N_("Spain") },
  { "SE", "46", "0", N_("Sweden") },
  { "US", "1", "1", N_("United States") },
  { "CA", "1", "1", N_("Canada") },
};

static const char * const phone_country_codes[] = {
  "PL", "HU", "RU", "CZ", "SK", "DE", "AT", "UA", "LT", "GB",
  "IE", "FR", "NL", "BE", "IT", "ES", "SE", "US", "CA", NULL
};

static const PhoneCountry *
find_country (const char *iso)
{
  if (iso == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (phone_countries); i++)
    if (g_ascii_strcasecmp (iso, phone_countries[i].iso) == 0)
      return &phone_countries[i];

  return NULL;
}

/**
 * crm_phone_countries:
 *
 * Returns: (transfer none): the ISO 3166 codes of the countries whose
 *   national numbers can be turned into E.164
 */
const char * const *
crm_phone_countries (void)
{
  return phone_country_codes;
}

/**
 * crm_phone_country_dup_label:
 * @country: an ISO 3166 code such as "PL"
 *
 * Returns: (transfer full) (nullable): the country's translated name
 *   with its calling code, e.g. "Poland (+48)"
 */
char *
crm_phone_country_dup_label (const char *country)
{
  const PhoneCountry *c = find_country (country);

  if (c == NULL)
    return NULL;

  /* Translators: a country and its calling code, e.g. "Poland (+48)" */
  return g_strdup_printf (_("%s (+%s)"), _(c->name), c->calling_code);
}

gboolean
crm_phone_country_is_known (const char *country)
{
  return find_country (country) != NULL;
}

/**
 * crm_phone_country_code:
 * @country: an ISO 3166 code such as "PL"
 *
 * Returns: (nullable): the calling code without "+", or %NULL
 */
const char *
crm_phone_country_code (const char *country)
{
  const PhoneCountry *c = find_country (country);

  return c ? c->calling_code : NULL;
}

static gboolean
is_label_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || (guchar) c >= 0x80;
}

/**
 * crm_normalize_email:
 * @input: an e-mail address as typed
 * @error: return location for a #GError
 *
 * Checks that @input looks like an address (one "@", a local part, a
 * domain with a dot, no spaces) and returns it trimmed and lower-cased.
 *
 * Returns: (transfer full): the normalised address, or %NULL with
 *   %CRM_ERROR_INVALID
 */
char *
crm_normalize_email (const char  *input,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  const char *at;
  const char *domain;
  gboolean valid = TRUE;

  g_return_val_if_fail (input != NULL, NULL);

  trimmed = g_strstrip (g_strdup (input));
  at = strchr (trimmed, '@');

  if (*trimmed == '\0' || at == NULL || at == trimmed ||
      strchr (at + 1, '@') != NULL || strlen (trimmed) > 254 ||
      !g_utf8_validate (trimmed, -1, NULL))
    valid = FALSE;

  for (const char *p = trimmed; valid && p < at; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>()[]\\,;:\"", *p) != NULL)
      valid = FALSE;

  if (valid)
    {
      domain = at + 1;
      if (strchr (domain, '.') == NULL || *domain == '.' ||
          g_str_has_suffix (domain, ".") || strstr (domain, "..") != NULL)
        valid = FALSE;

      for (const char *p = domain; valid && *p; p++)
        if (*p != '.' && !is_label_char (*p))
          valid = FALSE;
    }

  if (!valid)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is the address the user typed */
                   _("“%s” is not a valid e-mail address: use the form name@example.com."),
                   trimmed);
      return NULL;
    }

  lower = g_utf8_strdown (trimmed, -1);

  return g_steal_pointer (&lower);
}

/**
 * crm_normalize_mailbox:
 * @input: an address as typed: "anna@example.com",
 *   "Anna Kowalska <anna@example.com>" or
 *   "\"Kowalska, Anna\" <anna@example.com>"
 * @display_name: (out) (optional) (nullable): the name given before
 *   the address, without quotes, or %NULL when there is none
 * @error: return location for a #GError
 *
 * Like crm_normalize_email(), for an address that may come with the
 * name of its owner, as mail programs write it.
 *
 * Returns: (transfer full): the normalised address, or %NULL with
 *   %CRM_ERROR_INVALID
 */
char *
crm_normalize_mailbox (const char  *input,
                       char       **display_name,
                       GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  const char *open;
  gsize len;

  g_return_val_if_fail (input != NULL, NULL);

  if (display_name != NULL)
    *display_name = NULL;

  trimmed = g_strstrip (g_strdup (input));
  len = strlen (trimmed);
  open = strrchr (trimmed, '<');
  if (open == NULL || len == 0 || trimmed[len - 1] != '>')
    return crm_normalize_email (trimmed, error);

  trimmed[len - 1] = '\0';
  if (!(address = crm_normalize_email (open + 1, error)))
    return NULL;

  name = g_strstrip (g_strndup (trimmed, open - trimmed));
  len = strlen (name);
  if (len >= 2 && name[0] == '"' && name[len - 1] == '"')
    {
      g_autoptr(GString) unquoted = g_string_new (NULL);

      for (const char *p = name + 1; p < name + len - 1; p++)
        {
          if (*p == '\\' && p + 1 < name + len - 1)
            p++;
          g_string_append_c (unquoted, *p);
        }
      g_free (name);
      name = g_strstrip (g_string_free (g_steal_pointer (&unquoted), FALSE));
    }

  if (display_name != NULL && *name != '\0' && g_utf8_validate (name, -1, NULL) &&
      g_ascii_strcasecmp (name, address) != 0)
    *display_name = g_steal_pointer (&name);

  return g_steal_pointer (&address);
}

/**
 * crm_normalize_phone:
 * @input: a phone number as typed
 * @country: (nullable): the ISO 3166 code of the country to assume for
 *   national numbers, usually the office's default
 * @error: return location for a #GError
 *
 * Returns: (transfer full): "+" and the digits in E.164 when the country
 *   is known, else the bare digits; %NULL with %CRM_ERROR_INVALID when
 *   @input is not a phone number
 */
char *
crm_normalize_phone (const char  *input,
                     const char  *country,
                     GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const PhoneCountry *c;
  gboolean international = FALSE;
  gboolean valid = TRUE;
  const char *p;

  g_return_val_if_fail (input != NULL, NULL);

  p = input;
  while (g_ascii_isspace (*p))
    p++;

  if (*p == '+')
    {
      international = TRUE;
      p++;
    }

  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (!(*p == ' ' || *p == '-' || *p == '.' || *p == '(' || *p == ')' || *p == '/'))
        valid = FALSE;
    }

  if (!international && g_str_has_prefix (digits->str, "00"))
    {
      international = TRUE;
      g_string_erase (digits, 0, 2);
    }

  /* a number as typed has at least six digits, with or without its country */
  if (digits->len < 6)
    valid = FALSE;

  if (valid && !international && (c = find_country (country)) != NULL)
    {
      if (c->trunk_prefix != NULL && g_str_has_prefix (digits->str, c->trunk_prefix) &&
          digits->len > strlen (c->trunk_prefix) + 6)
        g_string_erase (digits, 0, strlen (c->trunk_prefix));
      g_string_prepend (digits, c->calling_code);
      international = TRUE;
    }

  if (!valid || digits->len < 6 || digits->len > 15)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is the number the user typed */
                   _("“%s” is not a valid phone number: use 6 to 15 digits, with an optional leading +."),
                   input);
      return NULL;
    }

  if (international)
    g_string_prepend_c (digits, '+');

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/**
 * crm_normalize_search_text:
 * @input: text typed into a search entry
 *
 * Turns free text into an FTS5 query of prefix terms: every word must
 * match the start of a word of the record. Quotes and operators in the
 * input are neutralised.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @input
 *   holds no word
 */
char *
crm_normalize_search_text (const char *input)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *folded = NULL;
  const char *p;

  if (input == NULL)
    return NULL;

  folded = g_utf8_casefold (input, -1);
  p = folded;

  while (*p)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      while (*p)
        {
          gunichar ch = g_utf8_get_char (p);

          if (g_unichar_isalnum (ch))
            break;
          p = g_utf8_next_char (p);
        }

      while (*p)
        {
          gunichar ch = g_utf8_get_char (p);

          if (!g_unichar_isalnum (ch))
            break;
          g_string_append_unichar (word, ch);
          p = g_utf8_next_char (p);
        }

      if (word->len == 0)
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_printf (query, "\"%s\"*", word->str);
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Cheap Polish declension: the oblique cases of the usual surnames
 * (-ski, -cki, -dzki, -ny) and of first names and nouns ending in a
 * hard sibilant or k, back to the nominative. The same rules are
 * applied to both sides of a comparison, so an over-eager rule only
 * risks a false "similar", which a person then looks at. */
typedef struct
{
  const char *suffix;
  const char *replacement;
} Declension;

static const Declension declensions[] = {
  { "kiego", "ki" }, { "kiemu", "ki" }, { "kiej", "ka" }, { "kim", "ki" },
  { "giego", "gi" }, { "giemu", "gi" }, { "giej", "ga" }, { "gim", "gi" },
  { "nego", "ny" }, { "nemu", "ny" }, { "nej", "na" }, { "nym", "ny" },
  { "szowi", "sz" }, { "czowi", "cz" }, { "rzowi", "rz" }, { "kowi", "k" },
  { "szem", "sz" }, { "czem", "cz" }, { "rzem", "rz" }, { "kiem", "k" },
  { "sza", "sz" }, { "cza", "cz" }, { "rza", "rz" },
};

#define MIN_STEM 3

static void
append_folded_word (GPtrArray  *words,
                    GString    *word)
{
  if (word->len == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (declensions); i++)
    {
      const Declension *rule = &declensions[i];
      gsize len = strlen (rule->suffix);

      if (word->len >= len + MIN_STEM && g_str_has_suffix (word->str, rule->suffix))
        {
          g_string_truncate (word, word->len - len);
          g_string_append (word, rule->replacement);
          break;
        }
    }
  g_ptr_array_add (words, g_strdup (word->str));
  g_string_truncate (word, 0);
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * crm_normalize_person_name:
 * @name: (nullable): a person's name as typed
 *
 * The key the referrals' duplicate check (issue 16) compares names by: without diacritics
 * ("ł" is "l"), in small letters, words split at anything that is not
 * a letter or digit, each word's cheap Polish declension undone
 * ("Wiśniewskiego" is "wisniewski", "Łukaszem" is "lukasz"), and the
 * words sorted, so that the order of first name and surname does not
 * matter.
 *
 * Returns: (transfer full): the folded key, "" when @name holds no word
 */
char *
crm_normalize_person_name (const char *name)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  GString *key;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_ismark (ch))
        continue;
      if (ch == 0x0141 || ch == 0x0142) /* Ł ł do not decompose */
        ch = 'l';
      g_string_append_unichar (plain, ch);
    }
  folded = g_utf8_casefold (plain->str, -1);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isalnum (ch))
        g_string_append_unichar (word, ch);
      else
        append_folded_word (words, word);
    }
  append_folded_word (words, word);

  g_ptr_array_sort (words, compare_words);
  key = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, g_ptr_array_index (words, i));
    }

  return g_string_free (key, FALSE);
}

