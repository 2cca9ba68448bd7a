/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"

/* The referral form's checks (issue 16): the PESEL's check digit and
 * birth date, the Polish ID card number's check digit, and names
 * folded for the duplicate check. Pure functions, no database. */

static void
test_pesel_valid (void)
{
  static const struct { const char *pesel; int year, month, day; } cases[] = {
    { "44051401359", 1944, 5, 14 },   /* the ministry's own example */
    { "99123100003", 1999, 12, 31 },
    { "02270803624", 2002, 7, 8 },    /* month + 20: the 2000s */
    { "05322912347", 2005, 12, 29 },
    { "00222900009", 2000, 2, 29 },   /* 2000 was a leap year */
    { "80810101234", 1880, 1, 1 },    /* month + 80: the 1800s */
    { "00921311119", 1800, 12, 13 },
    { "24501500005", 2124, 10, 15 },  /* month + 40: the 2100s */
    { " 44051401359 ", 1944, 5, 14 }, /* spaces around, as pasted */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate *birth = NULL;

      if (!crm_pesel_check (cases[i].pesel, &birth, &error))
        g_error ("%s refused: %s", cases[i].pesel, error->message);
      g_assert_nonnull (birth);
      g_assert_cmpint (g_date_get_year (birth), ==, cases[i].year);
      g_assert_cmpint (g_date_get_month (birth), ==, cases[i].month);
      g_assert_cmpint (g_date_get_day (birth), ==, cases[i].day);
      g_date_free (birth);
      g_assert_true (crm_pesel_check (cases[i].pesel, NULL, NULL));
    }
}

static void
test_pesel_invalid (void)
{
  static const struct { const char *pesel; const char *why; } cases[] = {
    { "44051401358", "check digit" },       /* the example, last digit changed */
    { "44051401395", "check digit" },       /* two digits swapped */
    { "02222912343", "birth date" },        /* 29 February 2002 */
    { "00130100003", "birth date" },        /* month 13 */
    { "4405140135", "eleven" },
    { "440514013590", "eleven" },
    { "4405140135a", "digits" },
    { "", "eleven" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate *birth = (GDate *) 1;

      if (crm_pesel_check (cases[i].pesel, &birth, &error))
        g_error ("%s accepted", cases[i].pesel);
      g_assert_null (birth);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
      if (strstr (error->message, cases[i].why) == NULL)
        g_error ("%s: “%s” does not say %s", cases[i].pesel, error->message, cases[i].why);
    }
  g_assert_false (crm_pesel_check (NULL, NULL, NULL));
}

static void
test_id_card (void)
{
  static const char *valid[] = { "ABA300000", "AXB912345", "CDZ399887", "aba300000", "ABA 300000", "AXB-912345" };
  static const char *invalid[] = {
    "ABA300001",    /* changed digit */
    "ABA400000",    /* wrong check digit */
    "BAA300000",    /* letters swapped */
    "AB1300000",    /* a digit in the series */
    "ABA30000",     /* too short */
    "ABAA300000",   /* too long */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!crm_id_card_check (valid[i], &error))
        g_error ("%s refused: %s", valid[i], error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (crm_id_card_check (invalid[i], &error))
        g_error ("%s accepted", invalid[i]);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    }

  {
    g_autofree char *plain = crm_id_card_normalize (" aba-300 000 ");

    g_assert_cmpstr (plain, ==, "ABA300000");
  }
}

static void
test_fold_name (void)
{
  static const struct { const char *a; const char *b; } same[] = {
    { "Łukasz Wiśniewski", "lukasz wisniewski" },
    { "Łukasz Wiśniewski", "  WIŚNIEWSKI   Łukasz " },
    { "Łukasz Wiśniewski", "Łukasza Wiśniewskiego" },    /* genitive */
    { "Łukasz Wiśniewski", "Łukaszowi Wiśniewskiemu" },  /* dative */
    { "Łukasz Wiśniewski", "Łukaszem Wiśniewskim" },     /* instrumental */
    { "Anna Kowalska", "Anna Kowalskiej" },
    { "Anna Kowalska", "Anna Kowalską" },
    { "Zofia Zielińska-Nowak", "zofia zielinska nowak" },
    { "Jan Nowak", "Jan Nowakiem" },
    { "Józef Dąbrowski", "jozef dabrowski" },
  };
  static const struct { const char *a; const char *b; } different[] = {
    { "Łukasz Wiśniewski", "Łukasz Wiśniewska" },  /* another person */
    { "Jan Nowak", "Jan Nowicki" },
    { "Anna Kowalska", "Anna Kowal" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = crm_referral_fold_name (same[i].a);
      g_autofree char *b = crm_referral_fold_name (same[i].b);

      if (g_strcmp0 (a, b) != 0)
        g_error ("“%s” folds to “%s”, “%s” to “%s”", same[i].a, a, same[i].b, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_autofree char *a = crm_referral_fold_name (different[i].a);
      g_autofree char *b = crm_referral_fold_name (different[i].b);

      if (g_strcmp0 (a, b) == 0)
        g_error ("“%s” and “%s” both fold to “%s”", different[i].a, different[i].b, a);
    }

  {
    g_autofree char *key = crm_referral_fold_name ("Łukasz Wiśniewskiego");
    g_autofree char *empty = crm_referral_fold_name (" -- ");
    g_autofree char *null = crm_referral_fold_name (NULL);
    g_autofree char *bad = crm_referral_fold_name ("\xff\xfe");

    g_assert_cmpstr (key, ==, "lukasz wisniewski");
    g_assert_cmpstr (empty, ==, "");
    g_assert_cmpstr (null, ==, "");
    g_assert_cmpstr (bad, ==, "");
  }
}

static void
test_mask (void)
{
  g_autofree char *pesel = crm_referral_mask ("44051401359");
  g_autofree char *card = crm_referral_mask ("ABA300000");
  g_autofree char *none = crm_referral_mask (NULL);

  g_assert_cmpstr (pesel, ==, "•••••••1359");
  g_assert_cmpstr (card, ==, "•••••0000");
  g_assert_cmpstr (none, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/referral-check/pesel-valid", test_pesel_valid);
  g_test_add_func ("/referral-check/pesel-invalid", test_pesel_invalid);
  g_test_add_func ("/referral-check/id-card", test_id_card);
  g_test_add_func ("/referral-check/fold-name", test_fold_name);
  g_test_add_func ("/referral-check/mask", test_mask);

  return g_test_run ();
}
