/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-referral-check.h"

/*
 * What a referral's form checks and what the duplicate check compares:
 * the PESEL (the Polish personal number: its check digit and the birth
 * date it holds, the century encoded in the month), the Polish ID card
 * number (three letters, then the check digit, then five digits), and a
 * person's name folded so that "Łukasz Wiśniewski", "lukasz
 * wisniewski" and "Wiśniewskiego Łukasz" make one key. Pure functions:
 * no database, no GObject, safe on any thread.
 */

static const int pesel_weights[10] = { 1, 3, 7, 9, 1, 3, 7, 9, 1, 3 };

/**
 * crm_pesel_check:
 * @pesel: eleven digits, as typed (spaces around are allowed)
 * @birth_date: (out) (optional) (nullable): the birth date it holds
 *   (g_date_free())
 * @error: return location for a #GError (%CRM_ERROR_INVALID, with a
 *   translated message that says what is wrong)
 *
 * Checks a PESEL: eleven digits, the check digit (weights 1 3 7 9 1 3
 * 7 9 1 3), and a real birth date, its century encoded in the month
 * (1800–1899 +80, 1900–1999 +0, 2000–2099 +20, 2100–2199 +40,
 * 2200–2299 +60).
 *
 * Returns: %TRUE when it is a valid PESEL
 */
gboolean
crm_pesel_check (const char  *pesel,
                 GDate      **birth_date,
                 GError     **error)
{
  g_autofree char *digits = g_strstrip (g_strdup (pesel != NULL ? pesel : ""));
  int d[11];
  int sum = 0;
  int year, month, day, century;

  if (birth_date != NULL)
    *birth_date = NULL;

  if (strlen (digits) != 11)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("A PESEL number has eleven digits."));
      return FALSE;
    }
  for (int i = 0; i < 11; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("A PESEL number has only digits."));
          return FALSE;
        }
      d[i] = digits[i] - '0';
    }
  for (int i = 0; i < 10; i++)
    sum += d[i] * pesel_weights[i];
  if ((10 - sum % 10) % 10 != d[10])
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The PESEL number’s check digit is wrong."));
      return FALSE;
    }

  year = d[0] * 10 + d[1];
  month = d[2] * 10 + d[3];
  day = d[4] * 10 + d[5];
  if (month >= 81 && month <= 92)
    century = 1800;
  else if (month >= 1 && month <= 12)
    century = 1900;
  else if (month >= 21 && month <= 32)
    century = 2000;
  else if (month >= 41 && month <= 52)
    century = 2100;
  else if (month >= 61 && month <= 72)
    century = 2200;
  else
    century = 0;
  if (century != 0)
    month -= (century == 1800 ? 80 : century == 1900 ? 0 : (century - 1900) / 5);
  if (century == 0 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) (century + year)))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The PESEL number does not hold a real birth date."));
      return FALSE;
    }

  if (birth_date != NULL)
    *birth_date = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) (century + year));

  return TRUE;
}

/**
 * crm_id_card_normalize:
 * @number: (nullable): an ID card number as typed ("aba 300000")
 *
 * Returns: (transfer full): @number in capitals without spaces or
 *   hyphens ("ABA300000"), "" for %NULL
 */
char *
crm_id_card_normalize (const char *number)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = number != NULL ? number : ""; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '\t')
      g_string_append_c (plain, g_ascii_toupper (*p));

  return g_string_free (plain, FALSE);
}

/**
 * crm_id_card_check:
 * @number: a Polish ID card number (dowód osobisty), e.g. "ABA300000";
 *   spaces, hyphens and small letters are allowed
 * @error: return location for a #GError (%CRM_ERROR_INVALID)
 *
 * Checks the series (three letters, A = 10 … Z = 35) and the number
 * (six digits), the first digit being the check digit: the sum of the
 * other eight characters' values with the weights 7 3 1 7 3 1 7 3,
 * modulo 10.
 *
 * Returns: %TRUE when it is a valid ID card number
 */
gboolean
crm_id_card_check (const char  *number,
                   GError     **error)
{
  static const int weights[8] = { 7, 3, 1, 7, 3, 1, 7, 3 };
  g_autofree char *plain = crm_id_card_normalize (number);
  int values[8];
  int sum = 0;

  if (strlen (plain) != 9)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("An ID card number is three letters and six digits, like ABA300000."));
      return FALSE;
    }
  for (int i = 0; i < 9; i++)
    {
      gboolean letter = i < 3;

      if (letter ? !(plain[i] >= 'A' && plain[i] <= 'Z') : !g_ascii_isdigit (plain[i]))
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("An ID card number is three letters and six digits, like ABA300000."));
          return FALSE;
        }
    }
  for (int i = 0, j = 0; i < 9; i++)
    {
      if (i == 3)
        continue;
      values[j++] = i < 3 ? plain[i] - 'A' + 10 : plain[i] - '0';
    }
  for (int i = 0; i < 8; i++)
    sum += values[i] * weights[i];
  if (sum % 10 != plain[3] - '0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The ID card number’s check digit is wrong."));
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_referral_fold_name:
 * @name: (nullable): a person's name as typed
 *
 * The key the duplicate check compares names by: without diacritics
 * ("ł" is "l"), in small letters, words split at anything that is not
 * a letter or digit, each word's cheap Polish declension undone
 * ("Wiśniewskiego" is "wisniewski", "Łukaszem" is "lukasz"), and the
 * words sorted, so that the order of first name and surname does not
 * matter. The same as crm_normalize_person_name(), which the contacts'
 * store keeps in contacts.name_key.
 *
 * Returns: (transfer full): the folded key, "" when @name holds no word
 */
char *
crm_referral_fold_name (const char *name)
{
  return crm_normalize_person_name (name);
}

/**
 * crm_referral_mask:
 * @identifier: (nullable): a PESEL or an ID card number
 *
 * What a list shows of a personal identifier: its last four characters,
 * the others as dots ("•••••••1234").
 *
 * Returns: (transfer full): the masked text, "" for %NULL or ""
 */
char *
crm_referral_mask (const char *identifier)
{
  GString *masked = g_string_new (NULL);
  glong len;

  if (identifier == NULL || !g_utf8_validate (identifier, -1, NULL))
    return g_string_free (masked, FALSE);
  len = g_utf8_strlen (identifier, -1);
  for (glong i = 0; i < len - 4; i++)
    g_string_append (masked, "•");
  g_string_append (masked, g_utf8_offset_to_pointer (identifier, MAX (0, len - 4)));

  return g_string_free (masked, FALSE);
}
